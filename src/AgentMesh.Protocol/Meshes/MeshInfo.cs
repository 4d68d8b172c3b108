namespace AgentMesh.Protocol.Meshes;

public sealed record MeshInfo(string Name, DateTimeOffset CreatedAt);

public sealed record MeshList(IReadOnlyList<MeshInfo> Meshes);

public sealed record CreateMeshRequest(string Name);

/// <summary>What <c>/healthz</c> and <c>mesh status</c> report.</summary>
public sealed record BrokerStatus
{
    public required string Status { get; init; }
    public required string Version { get; init; }
    public required int Pid { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Store { get; init; }
    public string? Socket { get; init; }
    public string? Url { get; init; }
    public int Agents { get; init; }
    public int OnlineAgents { get; init; }
}
