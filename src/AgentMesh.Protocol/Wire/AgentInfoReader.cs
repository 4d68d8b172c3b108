using System.Text.Json;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.Protocol.Wire;

/// <summary>
/// <see cref="AgentInfo"/> and <see cref="AgentList"/> decoded by hand (see <see cref="JsonProperties"/> for why);
/// the same JSON that <see cref="MeshJsonContext"/> reads. A test holds <see cref="PropertyNames"/> to the context's.
/// </summary>
public static class AgentInfoReader
{
    public static IReadOnlyList<string> PropertyNames { get; } =
        ["id", "name", "mesh", "kind", "status", "host", "cwd", "pid", "session_id", "transcript_path", "registered_at", "last_seen", "unread"];

    public static AgentInfo Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return Read(ref reader);
    }

    /// <summary>The agents of an <see cref="AgentList"/> answer (<c>{"agents":[…]}</c>).</summary>
    public static IReadOnlyList<AgentInfo> ReadList(ReadOnlySpan<byte> json)
    {
        var agents = new List<AgentInfo>();
        JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
        {
            if (name != "agents")
            {
                return false;
            }
            JsonProperties.ReadArray(ref value, (ref Utf8JsonReader element) => agents.Add(Read(ref element)));
            return true;
        });
        return agents;
    }

    /// <summary>The agent object the reader stands on; leaves the reader on its end.</summary>
    public static AgentInfo Read(ref Utf8JsonReader reader)
    {
        string? id = null, name = null, mesh = null, kind = null, status = null, host = null, cwd = null, sessionId = null, transcriptPath = null;
        int? pid = null, unread = null;
        DateTimeOffset? registeredAt = null, lastSeen = null;
        JsonProperties.Read(ref reader, (string property, ref Utf8JsonReader value) =>
        {
            switch (property)
            {
                case "id": id = JsonProperties.String(ref value); break;
                case "name": name = JsonProperties.String(ref value); break;
                case "mesh": mesh = JsonProperties.String(ref value); break;
                case "kind": kind = JsonProperties.String(ref value); break;
                case "status": status = JsonProperties.String(ref value); break;
                case "host": host = JsonProperties.String(ref value); break;
                case "cwd": cwd = JsonProperties.String(ref value); break;
                case "pid": pid = JsonProperties.Int(ref value); break;
                case "session_id": sessionId = JsonProperties.String(ref value); break;
                case "transcript_path": transcriptPath = JsonProperties.String(ref value); break;
                case "registered_at": registeredAt = value.GetDateTimeOffset(); break;
                case "last_seen": lastSeen = value.GetDateTimeOffset(); break;
                case "unread": unread = JsonProperties.Int(ref value); break;
                default: return false;
            }
            return true;
        });
        return new AgentInfo
        {
            Id = id ?? throw Missing("id"),
            Name = name ?? throw Missing("name"),
            Mesh = mesh ?? throw Missing("mesh"),
            Kind = kind ?? throw Missing("kind"),
            Status = status ?? throw Missing("status"),
            Host = host,
            Cwd = cwd,
            Pid = pid,
            SessionId = sessionId,
            TranscriptPath = transcriptPath,
            RegisteredAt = registeredAt ?? throw Missing("registered_at"),
            LastSeen = lastSeen ?? throw Missing("last_seen"),
            Unread = unread,
        };
    }

    private static JsonException Missing(string property) => new($"An agent without '{property}'.");
}
