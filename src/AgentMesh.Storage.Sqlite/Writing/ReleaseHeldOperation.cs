using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Gives every message held for a role to one recipient, oldest first, removes the holds and says so (<see cref="RoleHeldEvent"/>).</summary>
internal sealed class ReleaseHeldOperation(string mesh, string role, AgentInfo recipient, DateTimeOffset now) : WriteOperation<int>
{
    private const string HeldSql = $"""
        SELECT {MessageRows.Columns}, m.pk
        FROM held_messages h JOIN messages m ON m.pk = h.message_pk
        WHERE h.mesh = $mesh AND h.role = $role
        ORDER BY h.message_pk
        """;
    private const string DeleteHoldsSql = "DELETE FROM held_messages WHERE mesh = $mesh AND role = $role";

    protected override int Run(WriteBatch batch)
    {
        var held = new List<(MessageEnvelope Message, long Pk)>();
        using (var rows = batch.Sql.Direct(HeldSql).With("$mesh", mesh).With("$role", role).Query())
        {
            while (rows.Read())
            {
                held.Add((MessageRows.Read(rows), rows.GetInt64(MessageRows.Count)));
            }
        }
        foreach (var (message, pk) in held)
        {
            QueuedDelivery.Insert(batch, message, pk, recipient, kind: null, now);
        }
        batch.Sql.Get(DeleteHoldsSql).With("$mesh", mesh).With("$role", role).ExecuteNonQuery();
        if (held.Count > 0)
        {
            RoleHeldEvent.Emit(batch, mesh, role, now);
        }
        return held.Count;
    }
}
