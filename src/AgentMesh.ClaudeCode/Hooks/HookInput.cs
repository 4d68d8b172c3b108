namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// What Claude Code writes to a hook's stdin (reference/claude-code-samples/hook-*.json). Only the fields the
/// mesh uses; every one may be missing, and unknown fields are ignored, because the format grows between versions.
/// </summary>
public sealed record HookInput
{
    public string? SessionId { get; init; }
    public string? TranscriptPath { get; init; }
    public string? Cwd { get; init; }
    public string? HookEventName { get; init; }

    /// <summary>SessionStart: startup, resume, clear or compact.</summary>
    public string? Source { get; init; }

    /// <summary>Stop: true when Claude is already continuing because a Stop hook blocked.</summary>
    public bool StopHookActive { get; init; }

    /// <summary>Notification: permission_prompt, idle_prompt, auth_success, …</summary>
    public string? NotificationType { get; init; }

    /// <summary>SessionEnd: clear, resume, logout, prompt_input_exit or other.</summary>
    public string? Reason { get; init; }
}
