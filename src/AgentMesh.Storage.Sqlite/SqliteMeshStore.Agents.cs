using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Meshes;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Writing;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    private const string ListMeshesSql = "SELECT name, created_at FROM meshes ORDER BY name";
    private const string ListAgentsSql = $"SELECT {AgentRows.Columns} FROM agents ORDER BY mesh, name";

    public async Task<IReadOnlyList<MeshInfo>> ListMeshesAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql =>
        {
            var meshes = new List<MeshInfo>();
            using var reader = sql.Get(ListMeshesSql).ExecuteReader();
            while (reader.Read())
            {
                meshes.Add(new MeshInfo(reader.GetString(0), reader.GetTime(1)));
            }
            return meshes;
        }, cancellationToken);

    public Task<MeshInfo> CreateMeshAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Writer.ExecuteAsync(new CreateMeshOperation(name, now), cancellationToken);
    }

    public async Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql =>
        {
            var agents = new List<AgentInfo>();
            using var reader = sql.Get(ListAgentsSql).ExecuteReader();
            while (reader.Read())
            {
                agents.Add(AgentRows.Read(reader));
            }
            return agents;
        }, cancellationToken);

    public async Task SaveAgentAsync(AgentInfo agent, string? eventType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var stored = agent with
        {
            RegisteredAt = UnixTime.Truncate(agent.RegisteredAt),
            LastSeen = UnixTime.Truncate(agent.LastSeen),
            Unread = null,
        };
        await Writer.ExecuteAsync(new SaveAgentOperation(stored, eventType, UnixTime.Truncate(now)), cancellationToken);
    }
}
