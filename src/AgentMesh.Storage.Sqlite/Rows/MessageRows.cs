using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;

namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>How a <see cref="MessageEnvelope"/> maps to the <c>messages</c> table (alias <c>m</c>).</summary>
internal static class MessageRows
{
    public const string Columns =
        "m.id, m.mesh, m.from_id, m.from_name, m.to_address, m.kind, m.body, m.in_reply_to, m.thread_id, m.metadata, m.created_at, m.room";

    /// <summary>
    /// <see cref="Columns"/> for a query joined with <c>deliveries d</c>: the message as that recipient sees it,
    /// with the delivery's own kind when it has one.
    /// </summary>
    public const string DeliveredColumns =
        "m.id, m.mesh, m.from_id, m.from_name, m.to_address, coalesce(d.kind, m.kind), m.body, m.in_reply_to, m.thread_id, m.metadata, m.created_at, m.room";

    /// <summary>How many columns <see cref="Columns"/> has; a query's own columns start here.</summary>
    public const int Count = 12;

    public static MessageEnvelope Read(in DirectRows row) => new()
    {
        Id = row.GetString(0),
        Mesh = row.GetString(1),
        From = row.GetString(2),
        FromName = row.GetString(3),
        To = row.GetString(4),
        Kind = row.GetString(5),
        Body = row.GetString(6),
        InReplyTo = row.GetNullableString(7),
        ThreadId = row.GetString(8),
        Metadata = row.IsNull(9) ? null : JsonSerializer.Deserialize(row.GetUtf8(9), MeshJsonContext.Default.JsonElement),
        CreatedAt = UnixTime.FromMs(row.GetInt64(10)),
        Room = row.GetNullableString(11),
    };

    public static List<MessageEnvelope> ReadAll(DirectStatement statement)
    {
        var messages = new List<MessageEnvelope>();
        using var rows = statement.Query();
        while (rows.Read())
        {
            messages.Add(Read(rows));
        }
        return messages;
    }

    /// <summary>The metadata as stored: the raw JSON object, or null when there is none.</summary>
    public static string? MetadataText(JsonElement? metadata) =>
        metadata is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value.GetRawText() : null;
}
