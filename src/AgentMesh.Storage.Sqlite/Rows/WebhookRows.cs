using AgentMesh.Core.Webhooks;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>How a <see cref="WebhookConfig"/> maps to the <c>webhooks</c> table.</summary>
internal static class WebhookRows
{
    public const string Columns = "agent_id, url, format, template, secret, allow_private, created_at, updated_at";

    public static WebhookConfig Read(SqliteDataReader reader) => new()
    {
        AgentId = reader.GetString(0),
        Url = reader.GetString(1),
        Format = reader.GetString(2),
        Template = reader.GetNullableString(3),
        Secret = reader.GetString(4),
        AllowPrivate = reader.GetInt64(5) == 1,
        CreatedAt = reader.GetTime(6),
        UpdatedAt = reader.GetTime(7),
    };
}
