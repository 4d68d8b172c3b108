using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>The one way a message gets a new recipient: a queued delivery row and its <c>message.queued</c> event.</summary>
internal static class QueuedDelivery
{
    private const string InsertSql = """
        INSERT INTO deliveries (recipient_id, message_pk, state, attempts, updated_at, kind) VALUES ($recipient, $pk, 'queued', 0, $at, $kind)
        """;

    /// <summary>Queues <paramref name="message"/> for <paramref name="recipient"/>; <paramref name="kind"/> overrides the message's kind for it.</summary>
    public static DeliveryInfo Insert(WriteBatch batch, MessageEnvelope message, long pk, AgentInfo recipient, string? kind, DateTimeOffset at)
    {
        try
        {
            batch.Sql.Direct(InsertSql)
                .With("$recipient", recipient.Id)
                .With("$pk", pk)
                .With("$at", UnixTime.ToMs(at))
                .With("$kind", kind)
                .Execute();
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
            UpdatedAt = at,
            Kind = kind,
        };
        var seen = kind is null ? message : message with { Kind = kind };
        batch.Emit(message.Mesh, MeshEventType.MessageQueued, at, recipient.Id, delivery: delivery, message: seen, messagePk: pk,
            stored: QueuedEventRows.Write(delivery, message, at));
        return delivery;
    }
}
