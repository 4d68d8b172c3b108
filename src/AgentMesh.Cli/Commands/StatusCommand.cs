using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh status</c>: is a broker running, where, and with how many agents. Never starts one.</summary>
internal sealed class StatusCommand(CliContext context, GlobalOptions globals)
    : DataCommand("status", "Show whether a broker runs, where it listens and how many agents it knows. Never starts one.", context, globals)
{
    public override IReadOnlyList<string> Examples { get; } = ["mesh status", "mesh status --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult, autostart: false);
        var status = await client.GetStatusAsync(cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(status, Indented.BrokerStatus);
            return ExitCodes.Ok;
        }
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        grid.AddRow("[bold]broker[/]", $"{Markup.Escape(status.Status)} · version {Markup.Escape(status.Version)} · pid {status.Pid}");
        grid.AddRow("[bold]started[/]", Markup.Escape(Ago.Since(status.StartedAt, Context.Time.GetUtcNow())));
        grid.AddRow("[bold]store[/]", Markup.Escape(status.Store));
        grid.AddRow("[bold]socket[/]", Markup.Escape(status.Socket ?? "-"));
        grid.AddRow("[bold]url[/]", Markup.Escape(status.Url ?? "-"));
        grid.AddRow("[bold]agents[/]", $"{status.OnlineAgents} online of {status.Agents}");
        Human(parseResult).Write(grid);
        return ExitCodes.Ok;
    }
}
