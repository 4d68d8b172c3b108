using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Indexing;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Search;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    private const string MessageSql = $"SELECT {MessageRows.Columns}, m.pk FROM messages m WHERE m.id = $id AND m.mesh = $mesh";
    private const string PkOfSql = "SELECT pk FROM messages WHERE id = $id AND mesh = $mesh";
    private const string MeshHistorySql = $"""
        SELECT {MessageRows.Columns} FROM messages m
        WHERE m.mesh = $mesh AND m.pk < $before
        ORDER BY m.pk DESC
        {SqlFragments.Limit}
        """;
    // What the agent sent and what it received, each side cut to the page size first so the cost is the
    // page, not the agent's whole history. What it sent is in the sender index (in the index file) up to the bulk
    // indexer's mark; the few messages above the mark, not indexed yet, are read from the table.
    internal const string AgentHistorySql = $"""
        SELECT {MessageRows.Columns} FROM messages m
        WHERE m.mesh = $mesh AND m.pk IN (
            SELECT pk FROM (
                SELECT pk FROM {IndexDatabase.Schema}.messages_sent WHERE from_id = $agent AND pk < $before ORDER BY pk DESC {SqlFragments.Limit})
            UNION
            SELECT pk FROM messages
            WHERE pk > (SELECT indexed_pk FROM {IndexDatabase.Schema}.index_state WHERE id = 1) AND pk < $before AND from_id = $agent
            UNION
            SELECT message_pk FROM (
                SELECT message_pk FROM deliveries WHERE recipient_id = $agent AND message_pk < $before
                ORDER BY message_pk DESC {SqlFragments.Limit}))
        ORDER BY m.pk DESC
        {SqlFragments.Limit}
        """;
    // The first message by its id, then the replies by the partial index of replies (migration 0005).
    private const string ThreadSql = $"""
        SELECT {MessageRows.Columns}, m.pk FROM messages m
        WHERE m.id = $thread AND m.thread_id = $thread AND m.mesh = $mesh
        UNION ALL
        SELECT {MessageRows.Columns}, m.pk FROM messages m
        WHERE m.thread_id = $thread AND m.thread_id <> m.id AND m.mesh = $mesh
        ORDER BY pk
        """;
    private const string SearchSql = $"""
        SELECT {MessageRows.Columns}
        FROM {IndexDatabase.Schema}.messages_fts f JOIN messages m ON m.pk = f.rowid
        WHERE messages_fts MATCH $query AND m.mesh = $mesh
        ORDER BY f.rank
        {SqlFragments.Limit}
        """;

    public async Task<MessageDetail?> GetMessageAsync(string mesh, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(messageId);
        return await Readers.ReadAsync(sql =>
        {
            MessageEnvelope message;
            long pk;
            using (var rows = sql.Direct(MessageSql).With("$id", messageId).With("$mesh", mesh).Query())
            {
                if (!rows.Read())
                {
                    return null;
                }
                message = MessageRows.Read(rows);
                pk = rows.GetInt64(MessageRows.Count);
            }
            var deliveries = DeliveryRows.ReadOfMessage(sql.Get(DeliveryRows.OfMessageSql).With("$pk", pk), message.Id);
            return new MessageDetail { Message = message, Deliveries = deliveries };
        }, cancellationToken, snapshot: true);
    }

    public async Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(
        string mesh, string? agentId, int limit, string? beforeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Readers.ReadAsync(sql =>
        {
            var before = beforeId is null ? long.MaxValue : PkOf(sql, mesh, beforeId);
            var statement = agentId is null ? sql.Direct(MeshHistorySql) : sql.Direct(AgentHistorySql).With("$agent", agentId);
            return MessageRows.ReadAll(statement.With("$mesh", mesh).With("$before", before).With("$limit", limit));
        }, cancellationToken, snapshot: beforeId is not null, indexes: agentId is not null);
    }

    public async Task<IReadOnlyList<MessageEnvelope>> ThreadAsync(string mesh, string threadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(threadId);
        return await Readers.ReadAsync(
            sql => MessageRows.ReadAll(sql.Direct(ThreadSql).With("$thread", threadId).With("$mesh", mesh)), cancellationToken);
    }

    public long IndexBacklog => _indexer?.Backlog ?? 0;

    public async Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string mesh, string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var expression = FtsQuery.ToMatchExpression(query);
        await Indexer.CatchUpAsync(cancellationToken); // a search right after a send finds it
        return await Readers.ReadAsync(sql =>
        {
            try
            {
                return MessageRows.ReadAll(sql.Direct(SearchSql).With("$query", expression).With("$mesh", mesh).With("$limit", limit));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_ERROR)
            {
                throw FtsQuery.Invalid(query, e);
            }
        }, cancellationToken, indexes: true);
    }

    private static long PkOf(StatementCache sql, string mesh, string messageId) =>
        sql.Get(PkOfSql).With("$id", messageId).With("$mesh", mesh).ExecuteScalar() as long?
            ?? throw new MeshException(MeshErrorCode.MessageNotFound, $"No message '{messageId}' in mesh '{mesh}' to page back from.");
}
