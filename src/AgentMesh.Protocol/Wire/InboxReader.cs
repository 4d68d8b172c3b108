using System.Text.Json;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Protocol.Wire;

/// <summary>
/// <see cref="InboxResponse"/> (peek and consume answers) and <see cref="AckResponse"/> decoded by hand (see
/// <see cref="JsonProperties"/> for why): the same JSON that <see cref="MeshJsonContext"/> reads. Tests hold the
/// property names to the context's.
/// </summary>
public static class InboxReader
{
    public static IReadOnlyList<string> ItemPropertyNames { get; } = ["message", "state", "attempts", "lease_until"];

    public static IReadOnlyList<string> MessagePropertyNames { get; } =
        ["id", "mesh", "from", "from_name", "to", "kind", "body", "in_reply_to", "thread_id", "metadata", "created_at", "room"];

    /// <summary>The items of an inbox answer (<c>{"messages":[…]}</c>).</summary>
    public static IReadOnlyList<InboxItem> Read(ReadOnlySpan<byte> json)
    {
        var items = new List<InboxItem>();
        JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
        {
            if (name != "messages")
            {
                return false;
            }
            JsonProperties.ReadArray(ref value, (ref Utf8JsonReader element) => items.Add(Item(ref element)));
            return true;
        });
        return items;
    }

    /// <summary>An ack answer (<c>{"acknowledged":[…],"not_found":[…]}</c>).</summary>
    public static AckResponse ReadAck(ReadOnlySpan<byte> json)
    {
        IReadOnlyList<string> acknowledged = [], notFound = [];
        JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "acknowledged": acknowledged = Strings(ref value); break;
                case "not_found": notFound = Strings(ref value); break;
                default: return false;
            }
            return true;
        });
        return new AckResponse(acknowledged, notFound);
    }

    private static InboxItem Item(ref Utf8JsonReader reader)
    {
        MessageEnvelope? message = null;
        string? state = null;
        var attempts = 0;
        DateTimeOffset? leaseUntil = null;
        JsonProperties.Read(ref reader, (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "message": message = Message(ref value); break;
                case "state": state = JsonProperties.String(ref value); break;
                case "attempts": attempts = JsonProperties.Int(ref value) ?? 0; break;
                case "lease_until": leaseUntil = value.TokenType == JsonTokenType.Null ? null : value.GetDateTimeOffset(); break;
                default: return false;
            }
            return true;
        });
        return new InboxItem
        {
            Message = message ?? throw Missing("an inbox item", "message"),
            State = state ?? throw Missing("an inbox item", "state"),
            Attempts = attempts,
            LeaseUntil = leaseUntil,
        };
    }

    private static MessageEnvelope Message(ref Utf8JsonReader reader)
    {
        string? id = null, mesh = null, from = null, fromName = null, to = null, kind = null, body = null, inReplyTo = null, threadId = null, room = null;
        JsonElement? metadata = null;
        DateTimeOffset? createdAt = null;
        JsonProperties.Read(ref reader, (string name, ref Utf8JsonReader value) =>
        {
            switch (name)
            {
                case "id": id = JsonProperties.String(ref value); break;
                case "mesh": mesh = JsonProperties.String(ref value); break;
                case "from": from = JsonProperties.String(ref value); break;
                case "from_name": fromName = JsonProperties.String(ref value); break;
                case "to": to = JsonProperties.String(ref value); break;
                case "kind": kind = JsonProperties.String(ref value); break;
                case "body": body = JsonProperties.String(ref value); break;
                case "in_reply_to": inReplyTo = JsonProperties.String(ref value); break;
                case "thread_id": threadId = JsonProperties.String(ref value); break;
                case "room": room = JsonProperties.String(ref value); break;
                case "created_at": createdAt = value.GetDateTimeOffset(); break;
                case "metadata": metadata = value.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref value); break;
                default: return false;
            }
            return true;
        });
        return new MessageEnvelope
        {
            Id = id ?? throw Missing("a message", "id"),
            Mesh = mesh ?? throw Missing("a message", "mesh"),
            From = from ?? throw Missing("a message", "from"),
            FromName = fromName ?? throw Missing("a message", "from_name"),
            To = to ?? throw Missing("a message", "to"),
            Kind = kind ?? throw Missing("a message", "kind"),
            Body = body ?? throw Missing("a message", "body"),
            InReplyTo = inReplyTo,
            ThreadId = threadId ?? throw Missing("a message", "thread_id"),
            Metadata = metadata,
            CreatedAt = createdAt ?? throw Missing("a message", "created_at"),
            Room = room,
        };
    }

    private static List<string> Strings(ref Utf8JsonReader reader)
    {
        var strings = new List<string>();
        JsonProperties.ReadArray(ref reader, (ref Utf8JsonReader element) => strings.Add(element.GetString() ?? throw new JsonException("A null id.")));
        return strings;
    }

    private static JsonException Missing(string what, string property) => new($"{what} without '{property}'.");
}
