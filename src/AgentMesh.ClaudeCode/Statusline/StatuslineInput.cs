using System.Text.Json;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Protocol.Wire;

namespace AgentMesh.ClaudeCode.Statusline;

/// <summary>The part of Claude Code's statusLine stdin (reference/claude-code-samples/statusline.json) the mesh reads.</summary>
public sealed record StatuslineInput
{
    public string? SessionId { get; init; }
    public string? Cwd { get; init; }

    /// <summary>Decodes Claude's JSON by hand, as <see cref="HookInput.Parse"/>; not an object is a <see cref="JsonException"/>.</summary>
    public static StatuslineInput Parse(ReadOnlySpan<byte> json)
    {
        string? sessionId = null, cwd = null;
        JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "session_id": sessionId = HookInput.Text(ref value); break;
                case "cwd": cwd = HookInput.Text(ref value); break;
                default: return false;
            }
            return true;
        }, JsonProperties.Lenient);
        return new StatuslineInput { SessionId = sessionId, Cwd = cwd };
    }
}
