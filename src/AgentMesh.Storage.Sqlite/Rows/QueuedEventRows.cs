using System.Buffers;
using System.Text;
using System.Text.Json;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>
/// The stored form of a <c>message.queued</c> event, the one event every send writes per recipient. Nearly all
/// of it repeats what the row's columns (seq, mesh, agent_id, message_pk) and the message row already hold, so
/// the <c>json</c> column keeps only the rest: <c>{"queued_for":NAME}</c>, plus <c>kind</c> when the recipient
/// gets another kind than the message's and <c>at</c> when the delivery was queued later than the message was
/// sent (a message held for a role). About 25 bytes instead of ~300, and no serialiser on the writer. Reading
/// puts the same event back together. Every other event, and message.queued rows written before this form,
/// hold the whole serialised <see cref="MeshEvent"/>, whose first member is always <c>seq</c>.
/// </summary>
internal static class QueuedEventRows
{
    private static readonly byte[] Marker = "{\"queued_for\":"u8.ToArray();

    /// <summary>The compact JSON for a queued delivery of <paramref name="message"/>.</summary>
    public static string Write(DeliveryInfo delivery, MessageEnvelope message, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("queued_for"u8, delivery.RecipientName);
            if (delivery.Kind is { } kind)
            {
                writer.WriteString("kind"u8, kind);
            }
            if (at != message.CreatedAt)
            {
                writer.WriteNumber("at"u8, UnixTime.ToMs(at));
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool IsCompact(ReadOnlySpan<byte> json) => json.Length > Marker.Length && json.StartsWith(Marker);

    /// <summary>The event a compact row stands for; <paramref name="message"/> is the joined message row as stored.</summary>
    public static MeshEvent Read(ReadOnlySpan<byte> json, long seq, string mesh, string recipient, MessageEnvelope message)
    {
        string? name = null, kind = null;
        var at = message.CreatedAt;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("queued_for"u8) ? 1 : reader.ValueTextEquals("kind"u8) ? 2 : reader.ValueTextEquals("at"u8) ? 3 : 0;
            reader.Read();
            switch (property)
            {
                case 1: name = reader.GetString(); break;
                case 2: kind = reader.GetString(); break;
                case 3: at = UnixTime.FromMs(reader.GetInt64()); break;
                default: reader.Skip(); break;
            }
        }
        var delivery = new DeliveryInfo
        {
            MessageId = message.Id,
            Recipient = recipient,
            RecipientName = name ?? throw new InvalidDataException($"Event {seq} of mesh '{mesh}' has no recipient name."),
            State = DeliveryState.Queued,
            Attempts = 0,
            UpdatedAt = at,
            Kind = kind,
        };
        return new MeshEvent
        {
            Seq = seq,
            Mesh = mesh,
            Type = MeshEventType.MessageQueued,
            At = at,
            Agent = recipient,
            Message = kind is null ? message : message with { Kind = kind },
            Delivery = delivery,
        };
    }
}
