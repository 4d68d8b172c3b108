using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Stores a message, one queued delivery per recipient and a <c>message.queued</c> event each, and with it the
/// room's new state or the message's hold for a role. A repeated idempotency key of the same sender in the
/// same mesh stores nothing and returns the original as it is now. The check and the insert both run on the
/// single writer, so two concurrent duplicates cannot both insert.
/// </summary>
internal sealed class AppendMessageOperation(MessageWrite write) : WriteOperation<SendResult>
{
    private readonly MessageEnvelope _message = write.Message;
    private readonly string? _idempotencyKey = write.IdempotencyKey;

    private const string FindDuplicateSql =
        "SELECT pk FROM messages WHERE mesh = $mesh AND from_id = $from AND idempotency_key = $key";
    private const string InsertMessageSql = """
        INSERT INTO messages (id, mesh, from_id, from_name, to_address, kind, body, in_reply_to, thread_id, metadata, created_at, idempotency_key, room)
        VALUES ($id, $mesh, $from, $fromName, $to, $kind, $body, $inReplyTo, $thread, $metadata, $at, $key, $room)
        """;
    private const string HoldSql = "INSERT INTO held_messages (mesh, role, message_pk) VALUES ($mesh, $role, $pk)";
    private const string SelectMessageSql = $"SELECT {MessageRows.Columns} FROM messages m WHERE m.pk = $pk";

    protected override SendResult Run(WriteBatch batch)
    {
        if (_idempotencyKey is not null && FindDuplicate(batch) is { } originalPk)
        {
            return Duplicate(batch, originalPk);
        }

        var pk = InsertMessage(batch);
        batch.MessageStored(pk);
        var deliveries = new List<DeliveryInfo>(write.Recipients.Count);
        foreach (var recipient in write.Recipients)
        {
            var kind = recipient.Kind == _message.Kind ? null : recipient.Kind;
            deliveries.Add(QueuedDelivery.Insert(batch, _message, pk, recipient.Agent, kind, _message.CreatedAt));
        }
        if (write.HoldForRole is { } role)
        {
            batch.Sql.Get(HoldSql).With("$mesh", _message.Mesh).With("$role", role).With("$pk", pk).ExecuteNonQuery();
            RoleHeldEvent.Emit(batch, _message.Mesh, role, _message.CreatedAt);
        }
        if (write.Room is { } room)
        {
            SaveRoomOperation.Save(batch, room, MeshEventType.RoomUpdated, _message.CreatedAt);
        }
        return new SendResult(_message, deliveries, Duplicate: false);
    }

    private long? FindDuplicate(WriteBatch batch) =>
        batch.Sql.Get(FindDuplicateSql)
            .With("$mesh", _message.Mesh)
            .With("$from", _message.From)
            .With("$key", _idempotencyKey)
            .ExecuteScalar() as long?;

    private SendResult Duplicate(WriteBatch batch, long pk)
    {
        MessageEnvelope original;
        using (var rows = batch.Sql.Direct(SelectMessageSql).With("$pk", pk).Query())
        {
            rows.Read();
            original = MessageRows.Read(rows);
        }
        var deliveries = DeliveryRows.ReadOfMessage(batch.Sql.Get(DeliveryRows.OfMessageSql).With("$pk", pk), original.Id);
        return new SendResult(original, deliveries, Duplicate: true);
    }

    private long InsertMessage(WriteBatch batch)
    {
        try
        {
            batch.Sql.Direct(InsertMessageSql)
                .With("$id", _message.Id)
                .With("$mesh", _message.Mesh)
                .With("$from", _message.From)
                .With("$fromName", _message.FromName)
                .With("$to", _message.To)
                .With("$kind", _message.Kind)
                .With("$body", _message.Body)
                .With("$inReplyTo", _message.InReplyTo)
                .With("$thread", _message.ThreadId)
                .With("$metadata", MessageRows.MetadataText(_message.Metadata))
                .With("$at", UnixTime.ToMs(_message.CreatedAt))
                .With("$key", _idempotencyKey)
                .With("$room", _message.Room)
                .Execute();
            // Not RETURNING: SQLite buffers RETURNING rows in an ephemeral table, a measurable cost per send.
            return SQLitePCL.raw.sqlite3_last_insert_rowid(batch.Sql.Connection.Handle);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            throw new MeshException(MeshErrorCode.Conflict, $"A message with id {_message.Id} is already stored.", e);
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            throw new MeshException(MeshErrorCode.MeshNotFound, $"There is no mesh called '{_message.Mesh}'; create it first.", e);
        }
    }
}
