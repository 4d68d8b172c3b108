namespace AgentMesh.Protocol.Agents;

/// <summary>
/// Registers an agent, or refreshes it when the name is already taken in the mesh (same id).
/// </summary>
public sealed record RegisterAgentRequest
{
    public required string Name { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public string? Host { get; init; }
    public string? Cwd { get; init; }
    public int? Pid { get; init; }
    public string? SessionId { get; init; }
    public string? TranscriptPath { get; init; }
}

/// <summary>A heartbeat, optionally changing the status.</summary>
public sealed record HeartbeatRequest
{
    public string? Status { get; init; }
}

public sealed record AgentList(IReadOnlyList<AgentInfo> Agents);
