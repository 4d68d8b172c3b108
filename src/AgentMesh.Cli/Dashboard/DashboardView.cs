using System.Globalization;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Dashboard;
using AgentMesh.Protocol.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentMesh.Cli.Dashboard;

/// <summary>
/// Draws the dashboard: the live screen (<see cref="Render"/>) and the plain one-off snapshot
/// (<see cref="WritePlain"/>). Names, bodies and room names came from agents, so they only ever become
/// <see cref="Text"/> or escaped markup, never parsed markup.
/// </summary>
internal static class DashboardView
{
    /// <summary>The live screen: a header, agents beside rooms and roles, then recent messages.</summary>
    public static IRenderable Render(DashboardModel model, DashboardConnection connection, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(model);
        var header = new Markup(
            $"[bold]mesh[/] {Markup.Escape(model.Mesh)} · broker {Markup.Escape(model.Broker ?? "?")} · {ConnectionMarkup(connection)} · event {model.Cursor} · [grey]q quits[/]");
        if (!model.Loaded)
        {
            return new Rows(header, new Markup("[grey]Taking the first snapshot…[/]"));
        }
        var agents = model.Agents;
        var rooms = model.Rooms;
        var roles = model.Roles;
        var side = new Rows(
            Section($"Rooms ({rooms.Count})", rooms.Count == 0 ? Empty("no rooms") : RoomView.CreateTable(rooms)),
            Section($"Roles ({roles.Count})", roles.Count == 0 ? Empty("no roles") : RoleView.CreateTable(roles)));
        var top = new Grid().Expand().AddColumn().AddColumn()
            .AddRow(Section($"Agents ({agents.Count(a => AgentStatus.IsLive(a.Status))} live)", agents.Count == 0 ? Empty("no agents") : AgentsTable(agents)), side);
        var messages = model.Messages;
        return new Rows(
            header,
            top,
            Section("Recent messages", messages.Count == 0 ? Empty("no messages yet") : MessagesTable(messages, zone)));
    }

    /// <summary>The snapshot as plain sections, the same tables <c>mesh agents</c>, <c>history</c>, <c>room list</c> and <c>role list</c> print.</summary>
    public static void WritePlain(IAnsiConsole console, DashboardSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(snapshot);
        console.MarkupLine($"[bold]Mesh {Markup.Escape(snapshot.Mesh)}[/] at {Markup.Escape(snapshot.Broker ?? "?")} · event {snapshot.Cursor} · {snapshot.TakenAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        var live = snapshot.Agents.Count(a => AgentStatus.IsLive(a.Status));
        WriteSection(console, $"Agents ({live} live, {snapshot.Agents.Count} in all)", snapshot.Agents.Count == 0 ? null : AgentTable.Create(snapshot.Agents, snapshot.TakenAt));
        WriteSection(console, $"Recent messages ({snapshot.Messages.Count})", snapshot.Messages.Count == 0 ? null : MessageView.CreateTable(snapshot.Messages, snapshot.TakenAt));
        WriteSection(console, $"Rooms ({snapshot.Rooms.Count})", snapshot.Rooms.Count == 0 ? null : RoomView.CreateTable(snapshot.Rooms));
        WriteSection(console, $"Roles ({snapshot.Roles.Count})", snapshot.Roles.Count == 0 ? null : RoleView.CreateTable(snapshot.Roles));
    }

    private static void WriteSection(IAnsiConsole console, string title, IRenderable? body)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        if (body is null)
        {
            console.MarkupLine("[grey]none[/]");
        }
        else
        {
            console.Write(body);
        }
    }

    // The live tables leave out "last seen" and "ago" columns: heartbeats are not events, so those would freeze.
    private static Table AgentsTable(IReadOnlyList<AgentInfo> agents)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("NAME", "STATUS", "UNREAD", "KIND", "FOLDER");
        foreach (var agent in agents)
        {
            table.AddRow(
                new Text(agent.Name),
                new Markup(AgentTable.StatusMarkup(agent.Status)),
                new Markup(agent.Unread is > 0 and var n ? $"[bold yellow]{n}[/]" : "[grey]0[/]"),
                new Text(agent.Kind),
                new Text(agent.Cwd is { } cwd ? Printable(Path.GetFileName(cwd.TrimEnd('/'))) : "-"));
        }
        return table;
    }

    private static Table MessagesTable(IReadOnlyList<MessageEnvelope> messages, TimeZoneInfo zone)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("TIME", "FROM", "TO", "KIND", "BODY");
        foreach (var message in messages)
        {
            table.AddRow(
                new Text(TimeZoneInfo.ConvertTime(message.CreatedAt, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
                new Text(message.FromName),
                new Text(message.To),
                new Markup(MessageView.KindMarkup(message.Kind)),
                new Text(Printable(MessageView.Preview(message.Body))));
        }
        return table;
    }

    /// <summary>Control characters replaced by '·' (see <see cref="PrintableText"/>).</summary>
    public static string Printable(string text) => PrintableText.Line(text);

    private static Panel Section(string title, IRenderable body) =>
        new Panel(body) { Header = new PanelHeader(Markup.Escape(title)), Border = BoxBorder.Rounded, Expand = true };

    private static Markup Empty(string what) => new($"[grey]{Markup.Escape(what)}[/]");

    private static string ConnectionMarkup(DashboardConnection connection) => connection.State switch
    {
        DashboardConnectionState.Live => "[green]live[/]",
        DashboardConnectionState.Reconnecting => $"[yellow]reconnecting…[/] [grey]{Markup.Escape(connection.Detail ?? "")}[/]",
        _ => "[grey]connecting…[/]",
    };
}
