using System.CommandLine;
using System.Text.Json;
using AgentMesh.Cli.Hosting;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh listen</c>: follows the push stream, one JSON line per event on stdout, until Ctrl+C. It rides
/// out broker restarts: it reconnects and resumes after the last event it printed, so nothing is missed
/// or printed twice. Status lines go to stderr.
/// </summary>
internal sealed class ListenCommand : DataCommand
{
    private readonly Option<string?> _as = CreateAsOption("Only events about this agent (default: $MESH_AGENT; neither: the whole mesh)");
    private readonly Option<long?> _after = new("--after")
    {
        Description = "Start after this event seq (0: from the very first event; default: only new events)",
        HelpName = "seq",
    };

    public ListenCommand(CliContext context, GlobalOptions globals)
        : base("listen", "Follow the mesh's events live, one JSON object per line on stdout. Survives broker restarts. Output is always JSON; --json is accepted for symmetry.", context, globals)
    {
        Add(_as);
        Add(_after);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh listen",
        "mesh listen --as bob",
        "mesh listen --after 0 | jq -c 'select(.type == \"message.queued\")'",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = OptionalAgent(parseResult, _as);
        using var client = CreateClient(parseResult);
        var after = parseResult.GetValue(_after) ?? await client.GetEventCursorAsync(agent, cancellationToken);
        var scope = agent is null ? $"mesh {client.Options.Mesh}" : $"agent {agent}";
        Context.Error.MarkupLine($"[grey]Listening to {Markup.Escape(scope)} after event {after}; Ctrl+C stops.[/]");

        var reconnecting = false;
        var options = new FollowOptions
        {
            Reconnecting = (reason, delay) =>
            {
                reconnecting = true;
                Context.Error.MarkupLine($"[yellow]{Markup.Escape(reason.Message)}[/] [grey]Retrying in {delay.TotalSeconds:0.#} s.[/]");
            },
            Connected = cursor =>
            {
                if (reconnecting)
                {
                    reconnecting = false;
                    Context.Error.MarkupLine($"[grey]Reconnected; resuming after event {cursor}.[/]");
                }
            },
        };
        try
        {
            await foreach (var meshEvent in client.FollowAsync(agent, after, options, cancellationToken))
            {
                Context.Stdout.WriteLine(JsonSerializer.Serialize(meshEvent, MeshJsonContext.Default.MeshEvent));
                Context.Stdout.Flush();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how listening ends.
        }
        return ExitCodes.Ok;
    }
}
