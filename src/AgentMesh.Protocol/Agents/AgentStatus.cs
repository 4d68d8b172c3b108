namespace AgentMesh.Protocol.Agents;

/// <summary>Presence states of an agent, as they appear on the wire.</summary>
public static class AgentStatus
{
    public const string Online = "online";
    public const string Working = "working";
    public const string Idle = "idle";
    public const string Waiting = "waiting-for-input";
    public const string Offline = "offline";

    public static readonly IReadOnlyList<string> All = [Online, Working, Idle, Waiting, Offline];

    public static bool IsValid(string? status) => status is not null && All.Contains(status);

    public static bool IsLive(string status) => status != Offline;
}
