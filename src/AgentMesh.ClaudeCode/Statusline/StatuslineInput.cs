namespace AgentMesh.ClaudeCode.Statusline;

/// <summary>The part of Claude Code's statusLine stdin (reference/claude-code-samples/statusline.json) the mesh reads.</summary>
public sealed record StatuslineInput
{
    public string? SessionId { get; init; }
    public string? Cwd { get; init; }
}
