using AgentMesh.Protocol.Messages;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>Every recipient's delivery of one message, with the recipient's current name.</summary>
internal static class DeliveryRows
{
    public const string OfMessageSql = """
        SELECT d.recipient_id, a.name, d.state, d.attempts, d.lease_until, d.updated_at, d.kind
        FROM deliveries d JOIN agents a ON a.id = d.recipient_id
        WHERE d.message_pk = $pk
        ORDER BY a.name
        """;

    public static List<DeliveryInfo> ReadOfMessage(SqliteCommand command, string messageId)
    {
        var deliveries = new List<DeliveryInfo>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            deliveries.Add(new DeliveryInfo
            {
                MessageId = messageId,
                Recipient = reader.GetString(0),
                RecipientName = reader.GetString(1),
                State = reader.GetString(2),
                Attempts = reader.GetInt32(3),
                LeaseUntil = reader.GetNullableTime(4),
                UpdatedAt = reader.GetTime(5),
                Kind = reader.GetNullableString(6),
            });
        }
        return deliveries;
    }
}
