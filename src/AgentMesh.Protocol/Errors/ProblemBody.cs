namespace AgentMesh.Protocol.Errors;

/// <summary>RFC 9457 problem details as AgentMesh sends them, with the stable <see cref="Code"/>.</summary>
public sealed record ProblemBody
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Code { get; init; }
    public IReadOnlyList<AgentCandidate>? Candidates { get; init; }
    public string? CorrelationId { get; init; }
}

/// <summary>One agent named in an error, so a person can pick the right one.</summary>
public sealed record AgentCandidate(string Id, string Name, string? Cwd, string Status);
