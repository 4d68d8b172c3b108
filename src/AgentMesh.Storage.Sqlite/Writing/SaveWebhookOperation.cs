using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Saves a webhook agent and its settings together, so neither exists without the other.</summary>
internal sealed class SaveWebhookOperation(AgentInfo agent, WebhookConfig webhook, DateTimeOffset now) : WriteOperation<bool>
{
    private const string UpsertSql = $"""
        INSERT INTO webhooks ({WebhookRows.Columns})
        VALUES ($agent, $url, $format, $template, $secret, $private, $created, $updated)
        ON CONFLICT (agent_id) DO UPDATE SET
            url = excluded.url, format = excluded.format, template = excluded.template, secret = excluded.secret,
            allow_private = excluded.allow_private, updated_at = excluded.updated_at
        """;

    protected override bool Run(WriteBatch batch)
    {
        new SaveAgentOperation(agent, MeshEventType.AgentRegistered, now).Execute(batch);
        batch.Sql.Get(UpsertSql)
            .With("$agent", webhook.AgentId)
            .With("$url", webhook.Url)
            .With("$format", webhook.Format)
            .With("$template", webhook.Template)
            .With("$secret", webhook.Secret)
            .With("$private", webhook.AllowPrivate ? 1 : 0)
            .With("$created", UnixTime.ToMs(webhook.CreatedAt))
            .With("$updated", UnixTime.ToMs(webhook.UpdatedAt))
            .ExecuteNonQuery();
        return true;
    }
}
