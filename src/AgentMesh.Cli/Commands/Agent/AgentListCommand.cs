using System.CommandLine;
using System.Globalization;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Terminal.Agents;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary><c>mesh agent list</c>: the tmux agents of the mesh with presence, session and daemon.</summary>
internal sealed class AgentListCommand : DataCommand
{
    public AgentListCommand(CliContext context, GlobalOptions globals)
        : base("list", "List the tmux agents started with 'mesh agent start': status, session, program pid and daemon pid.", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh agent list", "mesh agent list --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = Context.CreateClient(MeshName(parseResult), autostart: false);
        var list = await TmuxAgentsFactory.Create(Context).ListAsync(MeshName(parseResult), client, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(list, TerminalJsonContext.Default.TmuxAgentList);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        if (list.Agents.Count == 0)
        {
            human.MarkupLine("No tmux agents in this mesh. Start one with: mesh agent start --name NAME --cli \"<command>\"");
            return ExitCodes.Ok;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("NAME", "STATUS", "SESSION", "PID", "DAEMON", "UNREAD", "COMMAND");
        foreach (var agent in list.Agents)
        {
            table.AddRow(
                new Text(agent.Name),
                new Markup(AgentTable.StatusMarkup(agent.Status)),
                new Markup(agent.SessionRunning ? Markup.Escape(agent.Session) : $"[grey]{Markup.Escape(agent.Session)} (gone)[/]"),
                new Text(agent.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                new Markup(agent.DaemonPid is { } pid ? pid.ToString(CultureInfo.InvariantCulture) : "[yellow]stopped[/]"),
                new Text(agent.Unread?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                new Text(agent.Command));
        }
        human.Write(table);
        if (list.Agents.Any(a => a.Status == "unknown"))
        {
            Context.Error.MarkupLine("[grey]The broker did not answer, so STATUS is unknown.[/]");
        }
        return ExitCodes.Ok;
    }
}
