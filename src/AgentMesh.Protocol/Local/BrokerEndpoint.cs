namespace AgentMesh.Protocol.Local;

/// <summary>What a running broker writes to <c>broker.json</c>: where it listens, so clients can find it.</summary>
public sealed record BrokerEndpoint
{
    public required int Pid { get; init; }
    public string? Socket { get; init; }
    public string? Url { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Version { get; init; }
}
