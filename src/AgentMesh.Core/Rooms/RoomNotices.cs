namespace AgentMesh.Core.Rooms;

/// <summary>
/// The broker's own voice in rooms: whose turn it is. Notices come from the reserved sender <c>mesh</c>,
/// which no agent may register as, so nobody can forge one.
/// </summary>
public static class RoomNotices
{
    public const string SenderId = "mesh";
    public const string SenderName = "mesh";

    public static string YourTurn(string room, string? previousName, bool timedOut, TimeSpan timeout) =>
        (previousName, timedOut) switch
        {
            (null, _) => $"It is your turn in room '{room}' (round-robin): you speak first. Post with: mesh room send {room} \"…\"",
            (_, true) => $"It is your turn in room '{room}' (round-robin): {previousName} said nothing for {Describe(timeout)}, so the turn passed to you. Post with: mesh room send {room} \"…\"",
            _ => $"It is your turn in room '{room}' (round-robin): {previousName} just posted. Post with: mesh room send {room} \"…\"",
        };

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";
}
