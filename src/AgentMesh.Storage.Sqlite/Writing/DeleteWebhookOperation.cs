using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Deletes a webhook's settings and saves its agent (offline by then) in the same transaction.</summary>
internal sealed class DeleteWebhookOperation(AgentInfo agent, DateTimeOffset now) : WriteOperation<bool>
{
    private const string DeleteSql = "DELETE FROM webhooks WHERE agent_id = $agent";

    protected override bool Run(WriteBatch batch)
    {
        if (batch.Sql.Get(DeleteSql).With("$agent", agent.Id).ExecuteNonQuery() == 0)
        {
            return false;
        }
        new SaveAgentOperation(agent, MeshEventType.AgentOffline, now).Execute(batch);
        return true;
    }
}
