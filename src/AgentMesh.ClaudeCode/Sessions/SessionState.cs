using System.Text;
using System.Text.Json;
using AgentMesh.Protocol.Wire;

namespace AgentMesh.ClaudeCode.Sessions;

/// <summary>
/// What the hooks of one Claude session remember between runs: the agent it is on the mesh (it stays the
/// same across <c>/clear</c>, which gives the session a new id) and how many Stops in a row were blocked.
/// Stored as <c>{"agent":"…","consecutive_blocks":0}</c>, read and written by hand (on every hook run; see
/// <see cref="JsonProperties"/>).
/// </summary>
public sealed record SessionState
{
    public required string Agent { get; init; }
    public int ConsecutiveBlocks { get; init; }

    /// <summary>The state in <paramref name="json"/>; a file that is not one is a <see cref="JsonException"/>.</summary>
    public static SessionState Parse(ReadOnlySpan<byte> json)
    {
        string? agent = null;
        var blocks = 0;
        JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "agent": agent = JsonProperties.String(ref value); break;
                case "consecutive_blocks": blocks = JsonProperties.Int(ref value) ?? 0; break;
                default: return false;
            }
            return true;
        });
        return new SessionState { Agent = agent ?? throw new JsonException("A session state without 'agent'."), ConsecutiveBlocks = blocks };
    }

    public string ToJson() => Encoding.UTF8.GetString(JsonProperties.Write(json =>
    {
        json.WriteString("agent", Agent);
        json.WriteNumber("consecutive_blocks", ConsecutiveBlocks);
    }));
}
