using System.Text.Json;
using AgentMesh.Core.Policies;
using AgentMesh.Protocol;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Writing;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    private const string ListPoliciesSql = "SELECT agent_id, allowed_commands, updated_at FROM agent_policies ORDER BY agent_id";

    public async Task<IReadOnlyList<StoredPolicy>> ListPoliciesAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql =>
        {
            var policies = new List<StoredPolicy>();
            using var reader = sql.Get(ListPoliciesSql).ExecuteReader();
            while (reader.Read())
            {
                var commands = JsonSerializer.Deserialize(reader.GetString(1), MeshJsonContext.Default.IReadOnlyListString) ?? [];
                policies.Add(new StoredPolicy(reader.GetString(0), commands, reader.GetTime(2)));
            }
            return policies;
        }, cancellationToken);

    public async Task SavePolicyAsync(StoredPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await Writer.ExecuteAsync(new SavePolicyOperation(policy with { UpdatedAt = UnixTime.Truncate(policy.UpdatedAt) }), cancellationToken);
    }
}
