using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Acknowledges the agent's queued or delivered deliveries of the given messages. Acknowledging twice is
/// fine (the id is reported acknowledged again, with no new event); ids that were never waiting for the agent,
/// or went dead, are reported not found.
/// </summary>
internal sealed class AckOperation(string agentId, IReadOnlyList<string> messageIds, DateTimeOffset now) : WriteOperation<AckResponse>
{
    private const string TargetSql = """
        SELECT d.message_pk, d.state, d.attempts
        FROM messages m JOIN deliveries d ON d.recipient_id = $agent AND d.message_pk = m.pk
        WHERE m.id = $id
        """;
    private const string AcknowledgeSql = """
        UPDATE deliveries SET state = 'acknowledged', lease_until = NULL, updated_at = $now
        WHERE recipient_id = $agent AND message_pk = $pk
        """;

    protected override AckResponse Run(WriteBatch batch)
    {
        if (batch.FindAgent(agentId) is not var (mesh, name))
        {
            return new AckResponse([], [.. messageIds]);
        }
        var acknowledged = new List<string>(messageIds.Count);
        var notFound = new List<string>();
        foreach (var id in messageIds)
        {
            long pk;
            string state;
            int attempts;
            using (var reader = batch.Sql.Get(TargetSql).With("$agent", agentId).With("$id", id).ExecuteReader())
            {
                if (!reader.Read())
                {
                    notFound.Add(id);
                    continue;
                }
                (pk, state, attempts) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
            }
            switch (state)
            {
                case DeliveryState.Acknowledged:
                    acknowledged.Add(id);
                    break;
                case DeliveryState.Queued or DeliveryState.Delivered:
                    batch.Sql.Get(AcknowledgeSql).With("$agent", agentId).With("$pk", pk).With("$now", UnixTime.ToMs(now)).ExecuteNonQuery();
                    var delivery = new DeliveryInfo
                    {
                        MessageId = id,
                        Recipient = agentId,
                        RecipientName = name,
                        State = DeliveryState.Acknowledged,
                        Attempts = attempts,
                        UpdatedAt = now,
                    };
                    batch.Emit(mesh, MeshEventType.DeliveryAcknowledged, now, agentId, delivery: delivery);
                    acknowledged.Add(id);
                    break;
                default:
                    notFound.Add(id);
                    break;
            }
        }
        return new AckResponse(acknowledged, notFound);
    }
}
