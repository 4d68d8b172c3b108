using System.Text.Json;
using AgentMesh.Protocol.Wire;

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

    /// <summary>Decodes Claude's JSON by hand (it runs on every prompt; see <see cref="JsonProperties"/>); not an object is a <see cref="JsonException"/>.</summary>
    public static HookInput Parse(ReadOnlySpan<byte> json)
    {
        string? sessionId = null, transcriptPath = null, cwd = null, hookEventName = null, source = null, notificationType = null, reason = null;
        var stopHookActive = false;
        JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "session_id": sessionId = Text(ref value); break;
                case "transcript_path": transcriptPath = Text(ref value); break;
                case "cwd": cwd = Text(ref value); break;
                case "hook_event_name": hookEventName = Text(ref value); break;
                case "source": source = Text(ref value); break;
                case "notification_type": notificationType = Text(ref value); break;
                case "reason": reason = Text(ref value); break;
                case "stop_hook_active": stopHookActive = value.TokenType == JsonTokenType.True; break;
                default: return false;
            }
            return true;
        }, JsonProperties.Lenient);
        return new HookInput
        {
            SessionId = sessionId,
            TranscriptPath = transcriptPath,
            Cwd = cwd,
            HookEventName = hookEventName,
            Source = source,
            StopHookActive = stopHookActive,
            NotificationType = notificationType,
            Reason = reason,
        };
    }

    /// <summary>A string field; any other value (a number, an object) counts as missing rather than failing the hook.</summary>
    internal static string? Text(ref Utf8JsonReader value) => value.TokenType == JsonTokenType.String ? value.GetString() : null;
}
