using System.Text.Json;
using AgentMesh.Core.Policies;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Inserts or replaces an agent's policy, with an <c>agent.policy</c> event about the agent.</summary>
internal sealed class SavePolicyOperation(StoredPolicy policy) : WriteOperation<bool>
{
    private const string UpsertSql = """
        INSERT INTO agent_policies (agent_id, allowed_commands, updated_at) VALUES ($agent, $commands, $updated)
        ON CONFLICT (agent_id) DO UPDATE SET allowed_commands = excluded.allowed_commands, updated_at = excluded.updated_at
        """;

    protected override bool Run(WriteBatch batch)
    {
        if (batch.FindAgent(policy.AgentId) is not var (mesh, _))
        {
            throw new MeshException(MeshErrorCode.AgentNotFound, $"No agent has the id '{policy.AgentId}'.");
        }
        batch.Sql.Get(UpsertSql)
            .With("$agent", policy.AgentId)
            .With("$commands", JsonSerializer.Serialize(policy.AllowedCommands, MeshJsonContext.Default.IReadOnlyListString))
            .With("$updated", UnixTime.ToMs(policy.UpdatedAt))
            .ExecuteNonQuery();
        batch.Emit(mesh, MeshEventType.AgentPolicy, policy.UpdatedAt, policy.AgentId);
        return true;
    }
}
