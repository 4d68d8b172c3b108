using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Writing;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    // INDEXED BY pins the partial index of waiting deliveries: without statistics SQLite may prefer the
    // primary key, which also starts with the recipient but walks the agent's whole history.
    private const string PeekSql = $"""
        SELECT {MessageRows.DeliveredColumns}, d.state, d.attempts, d.lease_until
        FROM deliveries d INDEXED BY deliveries_waiting JOIN messages m ON m.pk = d.message_pk
        WHERE d.recipient_id = $agent AND d.state IN ('queued', 'delivered')
        ORDER BY d.message_pk
        {SqlFragments.Limit}
        """;
    // One covering-index count per agent; a join with GROUP BY would sort every waiting delivery first.
    private const string CountUnreadSql = """
        SELECT a.id, (SELECT count(*) FROM deliveries d INDEXED BY deliveries_waiting
                      WHERE d.recipient_id = a.id AND d.state IN ('queued', 'delivered'))
        FROM agents a
        WHERE a.mesh = $mesh
        """;
    private const string CountPendingSql =
        "SELECT count(*) FROM deliveries INDEXED BY deliveries_waiting WHERE state IN ('queued', 'delivered')";
    // Consume and the lease sweep first ask a reader whether there is anything to do, so idle polling and
    // the once-a-second sweep never take a turn on the writer. A change committed after the check wakes the
    // caller through its event, as it would after an empty consume.
    private const string AnyConsumableSql = """
        SELECT EXISTS (SELECT 1 FROM deliveries d INDEXED BY deliveries_waiting
                       WHERE d.recipient_id = $agent AND d.state IN ('queued', 'delivered')
                         AND (d.state = 'queued' OR d.lease_until <= $now))
        """;
    private const string AnyExpiredSql = """
        SELECT EXISTS (SELECT 1 FROM deliveries INDEXED BY deliveries_leases WHERE state = 'delivered' AND lease_until <= $now)
        """;

    public Task<SendResult> AppendMessageAsync(MessageWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var stored = write with
        {
            Message = write.Message with { CreatedAt = UnixTime.Truncate(write.Message.CreatedAt) },
            Recipients = [.. write.Recipients.DistinctBy(r => r.Agent.Id, StringComparer.Ordinal)],
        };
        return Writer.ExecuteAsync(new AppendMessageOperation(stored), cancellationToken);
    }

    public async Task<IReadOnlyList<InboxItem>> PeekAsync(string agentId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Readers.ReadAsync(sql =>
        {
            var items = new List<InboxItem>();
            using var rows = sql.Direct(PeekSql).With("$agent", agentId).With("$limit", limit).Query();
            while (rows.Read())
            {
                items.Add(new InboxItem
                {
                    Message = MessageRows.Read(rows),
                    State = rows.GetString(MessageRows.Count),
                    Attempts = rows.GetInt32(MessageRows.Count + 1),
                    LeaseUntil = rows.IsNull(MessageRows.Count + 2) ? null : UnixTime.FromMs(rows.GetInt64(MessageRows.Count + 2)),
                });
            }
            return items;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string agentId, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, IReadOnlyList<string>? kinds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        now = UnixTime.Truncate(now);
        if (!await ExistsAsync(AnyConsumableSql, now, agentId, cancellationToken))
        {
            return [];
        }
        var operation = new ConsumeOperation(agentId, limit, now, UnixTime.Truncate(leaseUntil), maxAttempts, kinds);
        return await Writer.ExecuteAsync(operation, cancellationToken);
    }

    public Task<AckResponse> AckAsync(string agentId, IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.Distinct(StringComparer.Ordinal).ToList();
        return Writer.ExecuteAsync(new AckOperation(agentId, ids, UnixTime.Truncate(now)), cancellationToken);
    }

    public async Task<int> ExpireLeasesAsync(DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        now = UnixTime.Truncate(now);
        if (!await ExistsAsync(AnyExpiredSql, now, null, cancellationToken))
        {
            return 0;
        }
        // One bounded turn on the writer at a time (see ExpireLeasesOperation), until a turn finds less than a full chunk.
        var changed = 0;
        int turn;
        do
        {
            turn = await Writer.ExecuteAsync(new ExpireLeasesOperation(now, maxAttempts), cancellationToken);
            changed += turn;
        }
        while (turn == ExpireLeasesOperation.Chunk);
        return changed;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(string mesh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        return await Readers.ReadAsync(sql =>
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            using var reader = sql.Get(CountUnreadSql).With("$mesh", mesh).ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt32(1) is var count and > 0)
                {
                    counts[reader.GetString(0)] = count;
                }
            }
            return counts;
        }, cancellationToken);
    }

    private async Task<bool> ExistsAsync(string sql, DateTimeOffset now, string? agentId, CancellationToken cancellationToken) =>
        await Readers.ReadAsync(readers =>
        {
            var command = readers.Get(sql).With("$now", UnixTime.ToMs(now));
            return (long)(agentId is null ? command : command.With("$agent", agentId)).ExecuteScalar()! == 1; // EXISTS is 0 or 1
        }, cancellationToken);

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql => (long)sql.Get(CountPendingSql).ExecuteScalar()!, cancellationToken); // count(*) is never NULL
}
