namespace AgentMesh.Protocol.Errors;

/// <summary>
/// The one exception family of AgentMesh. Its message is written for the person or model reading it:
/// what was wrong and what to do next. Only this type's messages cross a boundary.
/// </summary>
public class MeshException(MeshErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public MeshErrorCode Code { get; } = code;

    /// <summary>Agents that could have been meant (ambiguous address) or that are live (unknown address).</summary>
    public IReadOnlyList<AgentCandidate>? Candidates { get; init; }

    /// <summary>Seconds to wait before retrying, for <see cref="MeshErrorCode.RateLimited"/>.</summary>
    public int? RetryAfterSeconds { get; init; }
}
