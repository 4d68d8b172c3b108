using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Inserts or updates an agent by id, with an event of the given type (none for a plain heartbeat).</summary>
internal sealed class SaveAgentOperation(AgentInfo agent, string? eventType, DateTimeOffset now) : WriteOperation<bool>
{
    private const string UpsertSql = $"""
        INSERT INTO agents ({AgentRows.Columns})
        VALUES ($id, $mesh, $name, $kind, $status, $host, $cwd, $pid, $session, $transcript, $registered, $seen)
        ON CONFLICT (id) DO UPDATE SET
            mesh = excluded.mesh, name = excluded.name, kind = excluded.kind, status = excluded.status,
            host = excluded.host, cwd = excluded.cwd, pid = excluded.pid, session_id = excluded.session_id,
            transcript_path = excluded.transcript_path, registered_at = excluded.registered_at, last_seen = excluded.last_seen
        """;

    protected override bool Run(WriteBatch batch)
    {
        try
        {
            batch.Sql.Get(UpsertSql)
                .With("$id", agent.Id)
                .With("$mesh", agent.Mesh)
                .With("$name", agent.Name)
                .With("$kind", agent.Kind)
                .With("$status", agent.Status)
                .With("$host", agent.Host)
                .With("$cwd", agent.Cwd)
                .With("$pid", agent.Pid)
                .With("$session", agent.SessionId)
                .With("$transcript", agent.TranscriptPath)
                .With("$registered", UnixTime.ToMs(agent.RegisteredAt))
                .With("$seen", UnixTime.ToMs(agent.LastSeen))
                .ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            throw new MeshException(MeshErrorCode.Conflict, $"The name '{agent.Name}' is taken by another agent in mesh '{agent.Mesh}'.", e);
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            throw new MeshException(MeshErrorCode.MeshNotFound, $"There is no mesh called '{agent.Mesh}'; create it first.", e);
        }
        if (eventType is not null)
        {
            batch.Emit(agent.Mesh, eventType, now, agent.Id, agent: agent);
        }
        return true;
    }
}
