using System.Globalization;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    // Message events keep the message by reference; the join puts it back (NULL columns for other events).
    // message.queued rows keep only what the columns and the message do not say (QueuedEventRows).
    private const string MeshEventsSql = $"""
        SELECT {MessageRows.Columns}, e.json, e.seq, e.agent_id
        FROM events e LEFT JOIN messages m ON m.pk = e.message_pk
        WHERE e.mesh = $mesh AND e.seq > $after
        ORDER BY e.seq
        {SqlFragments.Limit}
        """;
    private const string AgentEventsSql = $"""
        SELECT {MessageRows.Columns}, e.json, e.seq, e.agent_id
        FROM events e INDEXED BY events_agent LEFT JOIN messages m ON m.pk = e.message_pk
        WHERE e.mesh = $mesh AND e.agent_id = $agent AND e.seq > $after
        ORDER BY e.seq
        {SqlFragments.Limit}
        """;

    public async Task<IReadOnlyList<MeshEvent>> ReadEventsAsync(
        string mesh, long after, string? agentId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Readers.ReadAsync(sql =>
        {
            var statement = agentId is null ? sql.Direct(MeshEventsSql) : sql.Direct(AgentEventsSql).With("$agent", agentId);
            var events = new List<MeshEvent>();
            using var rows = statement.With("$mesh", mesh).With("$after", after).With("$limit", limit).Query();
            while (rows.Read())
            {
                var json = rows.GetUtf8(MessageRows.Count); // valid until the next step: reading other columns leaves it be
                if (QueuedEventRows.IsCompact(json))
                {
                    var seq = rows.GetInt64(MessageRows.Count + 1);
                    if (rows.IsNull(0) || rows.IsNull(MessageRows.Count + 2))
                    {
                        throw new InvalidDataException($"Event {seq} of mesh '{mesh}' is a queued delivery without its message or recipient.");
                    }
                    events.Add(QueuedEventRows.Read(json, seq, mesh, rows.GetString(MessageRows.Count + 2), MessageRows.Read(rows)));
                    continue;
                }
                var e = JsonSerializer.Deserialize(json, MeshJsonContext.Default.MeshEvent)
                    ?? throw new InvalidDataException($"An event row of mesh '{mesh}' holds JSON null.");
                events.Add(rows.IsNull(0) ? e : e with { Message = AsDelivered(MessageRows.Read(rows), e.Delivery) });
            }
            return events;
        }, cancellationToken);
    }

    /// <summary>A recipient's event shows the message with that recipient's kind.</summary>
    private static MessageEnvelope AsDelivered(MessageEnvelope message, DeliveryInfo? delivery) =>
        delivery?.Kind is { } kind ? message with { Kind = kind } : message;

    public async Task<long> LastSeqAsync(string mesh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        return await Readers.ReadAsync(
            sql => Convert.ToInt64(sql.Get(LastSeqSql).With("$mesh", mesh).ExecuteScalar(), CultureInfo.InvariantCulture),
            cancellationToken);
    }
}
