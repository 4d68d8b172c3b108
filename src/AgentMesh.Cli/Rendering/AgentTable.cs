using AgentMesh.Protocol.Agents;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>The agents of a mesh as a table: name, id, kind, status, unread, folder, last seen.</summary>
internal static class AgentTable
{
    public static Table Create(IReadOnlyList<AgentInfo> agents, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("NAME", "ID", "KIND", "STATUS", "UNREAD", "FOLDER", "LAST SEEN");
        foreach (var agent in agents)
        {
            table.AddRow(
                new Text(agent.Name),
                new Text(agent.Id),
                new Text(agent.Kind),
                new Markup(StatusMarkup(agent.Status)),
                new Text(agent.Unread?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),
                new Text(agent.Cwd ?? "-"),
                new Text(Ago.Since(agent.LastSeen, now)));
        }
        return table;
    }

    public static string StatusMarkup(string status) => status switch
    {
        AgentStatus.Online or AgentStatus.Idle => $"[green]{Markup.Escape(status)}[/]",
        AgentStatus.Working => $"[yellow]{Markup.Escape(status)}[/]",
        AgentStatus.Waiting => $"[blue]{Markup.Escape(status)}[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };
}
