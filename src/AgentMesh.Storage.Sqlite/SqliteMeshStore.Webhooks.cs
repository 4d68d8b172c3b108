using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Writing;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    private const string ListWebhooksSql = $"SELECT {WebhookRows.Columns} FROM webhooks ORDER BY agent_id";

    public async Task<IReadOnlyList<WebhookConfig>> ListWebhooksAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql =>
        {
            var webhooks = new List<WebhookConfig>();
            using var reader = sql.Get(ListWebhooksSql).ExecuteReader();
            while (reader.Read())
            {
                webhooks.Add(WebhookRows.Read(reader));
            }
            return webhooks;
        }, cancellationToken);

    public async Task SaveWebhookAsync(AgentInfo agent, WebhookConfig webhook, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(webhook);
        var storedAgent = agent with { RegisteredAt = UnixTime.Truncate(agent.RegisteredAt), LastSeen = UnixTime.Truncate(agent.LastSeen), Unread = null };
        var storedWebhook = webhook with { CreatedAt = UnixTime.Truncate(webhook.CreatedAt), UpdatedAt = UnixTime.Truncate(webhook.UpdatedAt) };
        await Writer.ExecuteAsync(new SaveWebhookOperation(storedAgent, storedWebhook, UnixTime.Truncate(now)), cancellationToken);
    }

    public Task<bool> DeleteWebhookAsync(AgentInfo agent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var stored = agent with { RegisteredAt = UnixTime.Truncate(agent.RegisteredAt), LastSeen = UnixTime.Truncate(agent.LastSeen), Unread = null };
        return Writer.ExecuteAsync(new DeleteWebhookOperation(stored, UnixTime.Truncate(now)), cancellationToken);
    }

    public Task<bool> PostponeAsync(string agentId, string messageId, DateTimeOffset retryAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(messageId);
        return Writer.ExecuteAsync(new PostponeOperation(agentId, messageId, UnixTime.Truncate(retryAt), UnixTime.Truncate(now)), cancellationToken);
    }
}
