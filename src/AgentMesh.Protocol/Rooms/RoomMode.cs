namespace AgentMesh.Protocol.Rooms;

/// <summary>How a room lets its members speak; the broker enforces it.</summary>
public static class RoomMode
{
    /// <summary>Any member posts; every other member receives it.</summary>
    public const string FreeForm = "free-form";
    /// <summary>Members speak in turn; the broker tells the next speaker, and a silent turn times out.</summary>
    public const string RoundRobin = "round-robin";
    /// <summary>Everyone receives every post as a note; @mentioned members and keyword matches get a task.</summary>
    public const string Reactive = "reactive";
    /// <summary>Only the moderator, or a member granted the floor, may post.</summary>
    public const string Moderated = "moderated";

    public static readonly IReadOnlyList<string> All = [FreeForm, RoundRobin, Reactive, Moderated];

    public static bool IsValid(string? mode) => mode is not null && All.Contains(mode);
}
