using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using Microsoft.Data.Sqlite;

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

    public static MessageEnvelope Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Mesh = reader.GetString(1),
        From = reader.GetString(2),
        FromName = reader.GetString(3),
        To = reader.GetString(4),
        Kind = reader.GetString(5),
        Body = reader.GetString(6),
        InReplyTo = reader.GetNullableString(7),
        ThreadId = reader.GetString(8),
        Metadata = reader.IsDBNull(9) ? null : JsonSerializer.Deserialize(reader.GetString(9), MeshJsonContext.Default.JsonElement),
        CreatedAt = reader.GetTime(10),
        Room = reader.GetNullableString(11),
    };

    public static List<MessageEnvelope> ReadAll(SqliteCommand command)
    {
        var messages = new List<MessageEnvelope>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            messages.Add(Read(reader));
        }
        return messages;
    }

    /// <summary>The metadata as stored: the raw JSON object, or null when there is none.</summary>
    public static string? MetadataText(JsonElement? metadata) =>
        metadata is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value.GetRawText() : null;
}
