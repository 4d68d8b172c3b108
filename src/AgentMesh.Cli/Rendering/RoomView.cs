using AgentMesh.Protocol.Rooms;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>Rooms for people: a table of rooms, or one room in full.</summary>
internal static class RoomView
{
    public static Table CreateTable(IReadOnlyList<RoomInfo> rooms)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("ROOM", "MODE", "MEMBERS", "SPEAKS", "STATE");
        foreach (var room in rooms)
        {
            table.AddRow(
                new Text(room.Name),
                new Text(room.Mode),
                new Text(string.Join(", ", room.Members.Select(m => m.Name))),
                new Text(WhoSpeaks(room)),
                new Markup(room.Closed ? "[grey]closed[/]" : "[green]open[/]"));
        }
        return table;
    }

    public static void WriteFull(IAnsiConsole console, RoomInfo room, DateTimeOffset now)
    {
        console.MarkupLine($"[bold]{Markup.Escape(room.Name)}[/] · {Markup.Escape(room.Mode)}{(room.Closed ? " · [grey]closed[/]" : "")} · created {Markup.Escape(Ago.Since(room.CreatedAt, now))}");
        console.WriteLine($"Speaks: {WhoSpeaks(room)}");
        if (room.Mode == RoomMode.RoundRobin && room.TurnSince is { } since && room.Turn is not null)
        {
            console.WriteLine($"Turn since {Ago.Since(since, now)}; passes on after {room.TurnTimeoutSeconds} s of silence.");
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("#", "MEMBER", "ID", "KEYWORDS", "");
        for (var i = 0; i < room.Members.Count; i++)
        {
            var member = room.Members[i];
            table.AddRow(
                new Text((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(member.Name),
                new Text(member.Id),
                new Text(member.Keywords is { Count: > 0 } keywords ? string.Join(", ", keywords) : "-"),
                new Text(Badges(room, member.Id)));
        }
        console.Write(table);
    }

    /// <summary>Who may post now, in the room's own terms.</summary>
    public static string WhoSpeaks(RoomInfo room) => room switch
    {
        { Closed: true } => "nobody (closed)",
        { Mode: RoomMode.RoundRobin } => room.Turn is null ? "nobody yet (no members)" : $"{room.NameOf(room.Turn)}'s turn",
        { Mode: RoomMode.Moderated } => string.Join(", ", new[] { room.Moderator }.Concat(room.Floor).OfType<string>().Select(room.NameOf)),
        _ => "any member",
    };

    private static string Badges(RoomInfo room, string id) =>
        string.Join(" ", new[]
        {
            room.Moderator == id ? "moderator" : null,
            room.Floor.Contains(id) ? "has the floor" : null,
            room.Turn == id ? "turn" : null,
        }.OfType<string>());
}
