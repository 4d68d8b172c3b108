using AgentMesh.Protocol.Agents;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>How an <see cref="AgentInfo"/> maps to the <c>agents</c> table.</summary>
internal static class AgentRows
{
    public const string Columns =
        "id, mesh, name, kind, status, host, cwd, pid, session_id, transcript_path, registered_at, last_seen";

    public static AgentInfo Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Mesh = reader.GetString(1),
        Name = reader.GetString(2),
        Kind = reader.GetString(3),
        Status = reader.GetString(4),
        Host = reader.GetNullableString(5),
        Cwd = reader.GetNullableString(6),
        Pid = reader.IsDBNull(7) ? null : reader.GetInt32(7),
        SessionId = reader.GetNullableString(8),
        TranscriptPath = reader.GetNullableString(9),
        RegisteredAt = reader.GetTime(10),
        LastSeen = reader.GetTime(11),
    };
}
