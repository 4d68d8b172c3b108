using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Leases up to <c>limit</c> waiting messages to their recipient, oldest first: queued ones, and delivered
/// ones whose lease ran out. A delivery that already used <c>maxAttempts</c> goes dead instead and does not
/// count towards the limit. With kinds, messages of other kinds (as this recipient sees them) are skipped.
/// </summary>
internal sealed class ConsumeOperation(
    string agentId, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, IReadOnlyList<string>? kinds = null)
    : WriteOperation<IReadOnlyList<InboxItem>>
{
    private const string CandidatesSql = $"""
        SELECT {MessageRows.DeliveredColumns}, d.message_pk, d.attempts
        FROM deliveries d INDEXED BY deliveries_waiting JOIN messages m ON m.pk = d.message_pk
        WHERE d.recipient_id = $agent AND d.state IN ('queued', 'delivered') AND d.message_pk > $after
          AND (d.state = 'queued' OR d.lease_until <= $now)
          AND ($kinds IS NULL OR instr($kinds, ',' || coalesce(d.kind, m.kind) || ',') > 0)
        ORDER BY d.message_pk
        {SqlFragments.Limit}
        """;
    private const string DeliverSql = """
        UPDATE deliveries SET state = 'delivered', attempts = $attempts, lease_until = $lease, updated_at = $now
        WHERE recipient_id = $agent AND message_pk = $pk
        """;
    private const string KillSql = """
        UPDATE deliveries SET state = 'dead', lease_until = NULL, updated_at = $now
        WHERE recipient_id = $agent AND message_pk = $pk
        """;

    protected override IReadOnlyList<InboxItem> Run(WriteBatch batch)
    {
        if (batch.FindAgent(agentId) is not var (mesh, name))
        {
            return [];
        }
        var items = new List<InboxItem>();
        var after = 0L;
        while (items.Count < limit)
        {
            var candidates = Candidates(batch, after, limit - items.Count);
            if (candidates.Count == 0)
            {
                break;
            }
            foreach (var (message, pk, attempts) in candidates)
            {
                after = pk;
                var dead = attempts >= maxAttempts;
                var update = dead
                    ? batch.Sql.Get(KillSql)
                    : batch.Sql.Get(DeliverSql).With("$attempts", attempts + 1).With("$lease", UnixTime.ToMs(leaseUntil));
                update.With("$agent", agentId).With("$pk", pk).With("$now", UnixTime.ToMs(now)).ExecuteNonQuery();
                var delivery = new DeliveryInfo
                {
                    MessageId = message.Id,
                    Recipient = agentId,
                    RecipientName = name,
                    State = dead ? DeliveryState.Dead : DeliveryState.Delivered,
                    Attempts = dead ? attempts : attempts + 1,
                    LeaseUntil = dead ? null : leaseUntil,
                    UpdatedAt = now,
                };
                batch.Emit(mesh, dead ? MeshEventType.DeliveryDead : MeshEventType.DeliveryDelivered, now, agentId, delivery: delivery);
                if (!dead)
                {
                    items.Add(new InboxItem { Message = message, State = delivery.State, Attempts = delivery.Attempts, LeaseUntil = leaseUntil });
                }
            }
        }
        return items;
    }

    private List<(MessageEnvelope Message, long Pk, int Attempts)> Candidates(WriteBatch batch, long after, int count)
    {
        var candidates = new List<(MessageEnvelope, long, int)>(count);
        using var rows = batch.Sql.Direct(CandidatesSql)
            .With("$agent", agentId)
            .With("$after", after)
            .With("$now", UnixTime.ToMs(now))
            .With("$limit", count)
            .With("$kinds", kinds is null ? null : $",{string.Join(',', kinds)},")
            .Query();
        while (rows.Read())
        {
            candidates.Add((MessageRows.Read(rows), rows.GetInt64(MessageRows.Count), rows.GetInt32(MessageRows.Count + 1)));
        }
        return candidates;
    }
}
