namespace AgentMesh.ClaudeCode.Sessions;

/// <summary>
/// What the hooks of one Claude session remember between runs: the agent it is on the mesh (it stays the
/// same across <c>/clear</c>, which gives the session a new id) and how many Stops in a row were blocked.
/// </summary>
public sealed record SessionState
{
    public required string Agent { get; init; }
    public int ConsecutiveBlocks { get; init; }
}
