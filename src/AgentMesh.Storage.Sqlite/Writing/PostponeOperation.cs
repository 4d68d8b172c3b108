using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Moves a delivered delivery's lease to the time of its next attempt. The delivery stays delivered (its
/// attempt count already includes the failed attempt); when the lease ends it is consumable again, or dead.
/// </summary>
internal sealed class PostponeOperation(string agentId, string messageId, DateTimeOffset retryAt, DateTimeOffset now) : WriteOperation<bool>
{
    private const string TargetSql = """
        SELECT d.message_pk, d.attempts
        FROM messages m JOIN deliveries d ON d.recipient_id = $agent AND d.message_pk = m.pk
        WHERE m.id = $id AND d.state = 'delivered'
        """;
    private const string PostponeSql = """
        UPDATE deliveries SET lease_until = $retry, updated_at = $now
        WHERE recipient_id = $agent AND message_pk = $pk
        """;

    protected override bool Run(WriteBatch batch)
    {
        if (batch.FindAgent(agentId) is not var (mesh, name))
        {
            return false;
        }
        long pk;
        int attempts;
        using (var reader = batch.Sql.Get(TargetSql).With("$agent", agentId).With("$id", messageId).ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }
            (pk, attempts) = (reader.GetInt64(0), reader.GetInt32(1));
        }
        batch.Sql.Get(PostponeSql).With("$agent", agentId).With("$pk", pk)
            .With("$retry", UnixTime.ToMs(retryAt)).With("$now", UnixTime.ToMs(now)).ExecuteNonQuery();
        var delivery = new DeliveryInfo
        {
            MessageId = messageId,
            Recipient = agentId,
            RecipientName = name,
            State = DeliveryState.Delivered,
            Attempts = attempts,
            LeaseUntil = retryAt,
            UpdatedAt = now,
        };
        batch.Emit(mesh, MeshEventType.DeliveryPostponed, now, agentId, delivery: delivery);
        return true;
    }
}
