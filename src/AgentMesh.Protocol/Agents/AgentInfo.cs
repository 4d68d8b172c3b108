namespace AgentMesh.Protocol.Agents;

/// <summary>An agent as the broker knows it.</summary>
public sealed record AgentInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Mesh { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public string? Host { get; init; }
    public string? Cwd { get; init; }
    public int? Pid { get; init; }
    public string? SessionId { get; init; }
    public string? TranscriptPath { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public int? Unread { get; init; }
}
