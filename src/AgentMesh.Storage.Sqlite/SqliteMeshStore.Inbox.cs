using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Writing;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    // INDEXED BY pins the partial index of waiting deliveries: without statistics SQLite may prefer the
    // primary key, which also starts with the recipient but walks the agent's whole history.
    private const string PeekSql = $"""
        SELECT {MessageRows.Columns}, d.state, d.attempts, d.lease_until
        FROM deliveries d INDEXED BY deliveries_waiting JOIN messages m ON m.pk = d.message_pk
        WHERE d.recipient_id = $agent AND d.state IN ('queued', 'delivered')
        ORDER BY d.message_pk
        LIMIT $limit
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

    public Task<SendResult> AppendMessageAsync(
        MessageEnvelope message, IReadOnlyList<AgentInfo> recipients, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipients);
        var stored = message with { CreatedAt = UnixTime.Truncate(message.CreatedAt) };
        var distinct = recipients.DistinctBy(r => r.Id, StringComparer.Ordinal).ToList();
        return Writer.ExecuteAsync(new AppendMessageOperation(stored, distinct, idempotencyKey), cancellationToken);
    }

    public async Task<IReadOnlyList<InboxItem>> PeekAsync(string agentId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Readers.ReadAsync(sql =>
        {
            var items = new List<InboxItem>();
            using var reader = sql.Get(PeekSql).With("$agent", agentId).With("$limit", limit).ExecuteReader();
            while (reader.Read())
            {
                items.Add(new InboxItem
                {
                    Message = MessageRows.Read(reader),
                    State = reader.GetString(MessageRows.Count),
                    Attempts = reader.GetInt32(MessageRows.Count + 1),
                    LeaseUntil = reader.GetNullableTime(MessageRows.Count + 2),
                });
            }
            return items;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string agentId, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        var operation = new ConsumeOperation(agentId, limit, UnixTime.Truncate(now), UnixTime.Truncate(leaseUntil), maxAttempts);
        return Writer.ExecuteAsync(operation, cancellationToken);
    }

    public Task<AckResponse> AckAsync(string agentId, IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.Distinct(StringComparer.Ordinal).ToList();
        return Writer.ExecuteAsync(new AckOperation(agentId, ids, UnixTime.Truncate(now)), cancellationToken);
    }

    public Task<int> ExpireLeasesAsync(DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        return Writer.ExecuteAsync(new ExpireLeasesOperation(UnixTime.Truncate(now), maxAttempts), cancellationToken);
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

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql => (long)sql.Get(CountPendingSql).ExecuteScalar()!, cancellationToken); // count(*) is never NULL
}
