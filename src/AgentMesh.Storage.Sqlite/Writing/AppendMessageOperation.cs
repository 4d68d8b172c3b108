using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Stores a message, one queued delivery per recipient and a <c>message.queued</c> event each. A repeated
/// idempotency key of the same sender in the same mesh stores nothing and returns the original as it is now.
/// The check and the insert both run on the single writer, so two concurrent duplicates cannot both insert.
/// </summary>
internal sealed class AppendMessageOperation(MessageEnvelope message, IReadOnlyList<AgentInfo> recipients, string? idempotencyKey)
    : WriteOperation<SendResult>
{
    private const string FindDuplicateSql =
        "SELECT pk FROM messages WHERE mesh = $mesh AND from_id = $from AND idempotency_key = $key";
    private const string InsertMessageSql = """
        INSERT INTO messages (id, mesh, from_id, from_name, to_address, kind, body, in_reply_to, thread_id, metadata, created_at, idempotency_key)
        VALUES ($id, $mesh, $from, $fromName, $to, $kind, $body, $inReplyTo, $thread, $metadata, $at, $key)
        """;
    private const string InsertDeliverySql = """
        INSERT INTO deliveries (recipient_id, message_pk, state, attempts, updated_at) VALUES ($recipient, $pk, 'queued', 0, $at)
        """;
    private const string SelectMessageSql = $"SELECT {MessageRows.Columns} FROM messages m WHERE m.pk = $pk";

    protected override SendResult Run(WriteBatch batch)
    {
        if (idempotencyKey is not null && FindDuplicate(batch) is { } originalPk)
        {
            return Duplicate(batch, originalPk);
        }

        var pk = InsertMessage(batch);
        batch.IndexLater(pk, message.Body);
        var at = UnixTime.ToMs(message.CreatedAt);
        var deliveries = new List<DeliveryInfo>(recipients.Count);
        foreach (var recipient in recipients)
        {
            try
            {
                batch.Sql.Get(InsertDeliverySql).With("$recipient", recipient.Id).With("$pk", pk).With("$at", at).ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.IsForeignKeyViolation())
            {
                throw new MeshException(MeshErrorCode.AgentNotFound, $"The recipient {recipient.Id} ('{recipient.Name}') is not a registered agent.", e);
            }
            var delivery = new DeliveryInfo
            {
                MessageId = message.Id,
                Recipient = recipient.Id,
                RecipientName = recipient.Name,
                State = DeliveryState.Queued,
                Attempts = 0,
                UpdatedAt = message.CreatedAt,
            };
            deliveries.Add(delivery);
            batch.Emit(message.Mesh, MeshEventType.MessageQueued, message.CreatedAt, recipient.Id, delivery: delivery, message: message, messagePk: pk);
        }
        return new SendResult(message, deliveries, Duplicate: false);
    }

    private long? FindDuplicate(WriteBatch batch) =>
        batch.Sql.Get(FindDuplicateSql)
            .With("$mesh", message.Mesh)
            .With("$from", message.From)
            .With("$key", idempotencyKey)
            .ExecuteScalar() as long?;

    private SendResult Duplicate(WriteBatch batch, long pk)
    {
        MessageEnvelope original;
        using (var reader = batch.Sql.Get(SelectMessageSql).With("$pk", pk).ExecuteReader())
        {
            reader.Read();
            original = MessageRows.Read(reader);
        }
        var deliveries = DeliveryRows.ReadOfMessage(batch.Sql.Get(DeliveryRows.OfMessageSql).With("$pk", pk), original.Id);
        return new SendResult(original, deliveries, Duplicate: true);
    }

    private long InsertMessage(WriteBatch batch)
    {
        try
        {
            batch.Sql.Get(InsertMessageSql)
                .With("$id", message.Id)
                .With("$mesh", message.Mesh)
                .With("$from", message.From)
                .With("$fromName", message.FromName)
                .With("$to", message.To)
                .With("$kind", message.Kind)
                .With("$body", message.Body)
                .With("$inReplyTo", message.InReplyTo)
                .With("$thread", message.ThreadId)
                .With("$metadata", MessageRows.MetadataText(message.Metadata))
                .With("$at", UnixTime.ToMs(message.CreatedAt))
                .With("$key", idempotencyKey)
                .ExecuteNonQuery();
            // Not RETURNING: SQLite buffers RETURNING rows in an ephemeral table, a measurable cost per send.
            return SQLitePCL.raw.sqlite3_last_insert_rowid(batch.Sql.Connection.Handle);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            throw new MeshException(MeshErrorCode.Conflict, $"A message with id {message.Id} is already stored.", e);
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            throw new MeshException(MeshErrorCode.MeshNotFound, $"There is no mesh called '{message.Mesh}'; create it first.", e);
        }
    }
}
