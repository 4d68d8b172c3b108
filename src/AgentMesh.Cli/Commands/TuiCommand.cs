using System.CommandLine;
using AgentMesh.Cli.Dashboard;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh tui</c>: the mesh live in the terminal — agents with status and unread counts, recent messages,
/// rooms and roles — kept current by the push stream, not by polling. Without a terminal (output piped or
/// redirected), with <c>--once</c> or with <c>--json</c> it prints one snapshot and exits.
/// </summary>
internal sealed class TuiCommand : DataCommand
{
    private readonly Option<bool> _once = new("--once") { Description = "Print one snapshot and exit, even in a terminal" };
    private readonly Option<int?> _messages = new("--messages", "-n")
    {
        Description = $"How many recent messages to show (default {DashboardModel.DefaultMessageCapacity})",
        HelpName = "count",
    };

    public TuiCommand(CliContext context, GlobalOptions globals)
        : base("tui", "Watch the mesh live: agents, unread counts, recent messages, rooms and roles, updated as events arrive. q or Ctrl+C quits. Without a terminal it prints one snapshot.", context, globals)
    {
        Add(_once);
        Add(_messages);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh tui",
        "mesh tui --mesh team --messages 50",
        "mesh tui --once",
        "mesh tui --json | jq '.agents[] | {name, unread}'",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var messages = parseResult.GetValue(_messages) ?? DashboardModel.DefaultMessageCapacity;
        if (messages is < 1 or > 500)
        {
            throw new Protocol.Errors.MeshException(Protocol.Errors.MeshErrorCode.InvalidRequest,
                $"--messages {messages} is out of range; give a number from 1 to 500.");
        }
        using var client = CreateClient(parseResult);
        var console = LiveConsole();
        if (Json(parseResult) || parseResult.GetValue(_once) || console is null)
        {
            var snapshot = await DashboardSnapshots.TakeAsync(client, messages, Context.Time, cancellationToken);
            if (Json(parseResult))
            {
                WriteJson(snapshot, Indented.DashboardSnapshot);
            }
            else
            {
                DashboardView.WritePlain(Context.Out, snapshot);
            }
            return ExitCodes.Ok;
        }

        var model = new DashboardModel(client.Options.Mesh, messages, client.BrokerAddress);
        var feed = new DashboardFeed(client, model, Context.Time);
        await new LiveDashboard(console, feed, Context.Time, TimeZoneInfo.Local).RunAsync(readKeys: !Context.StdinRedirected, cancellationToken);
        return ExitCodes.Ok; // q and Ctrl+C are both the normal way out
    }

    /// <summary>
    /// The console to draw the live screen on, or null when stdout is not a terminal. NO_COLOR turns colour
    /// off, not the cursor movement a live screen needs, so a terminal without colour still gets one.
    /// </summary>
    private IAnsiConsole? LiveConsole()
    {
        var capabilities = Context.Out.Profile.Capabilities;
        if (!capabilities.Interactive)
        {
            return null;
        }
        if (capabilities.Ansi)
        {
            return Context.Out;
        }
        if (CliConsole.ColorAllowed(Context.Variables))
        {
            return null; // a terminal that cannot take ANSI (TERM=dumb): a snapshot is all it can show
        }
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = Context.Out.Profile.Out,
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
    }
}
