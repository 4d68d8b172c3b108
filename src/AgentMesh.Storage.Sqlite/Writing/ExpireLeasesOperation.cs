using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Puts deliveries whose lease ran out back in their recipient's queue, or marks them dead when they used
/// every attempt — at most <see cref="Chunk"/> per operation, so a long backlog (after downtime) takes the single
/// writer in short turns that sends can come between, rather than in one long transaction.
/// </summary>
internal sealed class ExpireLeasesOperation(DateTimeOffset now, int maxAttempts) : WriteOperation<int>
{
    public const int Chunk = 500;
    private const string ExpiredSql = $"""
        SELECT d.recipient_id, d.message_pk, d.attempts, a.mesh, a.name, m.id
        FROM deliveries d INDEXED BY deliveries_leases
            JOIN agents a ON a.id = d.recipient_id
            JOIN messages m ON m.pk = d.message_pk
        WHERE d.state = 'delivered' AND d.lease_until <= $now
        ORDER BY d.lease_until, d.message_pk
        {SqlFragments.Limit}
        """;
    private const string RequeueSql = """
        UPDATE deliveries SET state = 'queued', lease_until = NULL, updated_at = $now
        WHERE recipient_id = $agent AND message_pk = $pk
        """;
    private const string KillSql = """
        UPDATE deliveries SET state = 'dead', lease_until = NULL, updated_at = $now
        WHERE recipient_id = $agent AND message_pk = $pk
        """;

    /// <summary>The number of deliveries changed; <see cref="Chunk"/> means more may be waiting.</summary>
    protected override int Run(WriteBatch batch)
    {
        var expired = Expired(batch);
        foreach (var (agentId, pk, attempts, mesh, name, messageId) in expired)
        {
            var dead = attempts >= maxAttempts;
            batch.Sql.Get(dead ? KillSql : RequeueSql).With("$agent", agentId).With("$pk", pk).With("$now", UnixTime.ToMs(now)).ExecuteNonQuery();
            var delivery = new DeliveryInfo
            {
                MessageId = messageId,
                Recipient = agentId,
                RecipientName = name,
                State = dead ? DeliveryState.Dead : DeliveryState.Queued,
                Attempts = attempts,
                UpdatedAt = now,
            };
            batch.Emit(mesh, dead ? MeshEventType.DeliveryDead : MeshEventType.DeliveryRequeued, now, agentId, delivery: delivery);
        }
        return expired.Count;
    }

    private List<(string AgentId, long Pk, int Attempts, string Mesh, string Name, string MessageId)> Expired(WriteBatch batch)
    {
        var expired = new List<(string, long, int, string, string, string)>();
        using var reader = batch.Sql.Get(ExpiredSql).With("$now", UnixTime.ToMs(now)).With("$limit", Chunk).ExecuteReader();
        while (reader.Read())
        {
            expired.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return expired;
    }
}
