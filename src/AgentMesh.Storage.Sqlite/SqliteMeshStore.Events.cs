using System.Globalization;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    private const string MeshEventsSql = """
        SELECT json FROM events INDEXED BY events_mesh_seq
        WHERE mesh = $mesh AND seq > $after
        ORDER BY seq
        LIMIT $limit
        """;
    private const string AgentEventsSql = """
        SELECT json FROM events INDEXED BY events_agent
        WHERE mesh = $mesh AND agent_id = $agent AND seq > $after
        ORDER BY seq
        LIMIT $limit
        """;

    public async Task<IReadOnlyList<MeshEvent>> ReadEventsAsync(
        string mesh, long after, string? agentId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Readers.ReadAsync(sql =>
        {
            var command = agentId is null ? sql.Get(MeshEventsSql) : sql.Get(AgentEventsSql).With("$agent", agentId);
            var events = new List<MeshEvent>();
            using var reader = command.With("$mesh", mesh).With("$after", after).With("$limit", limit).ExecuteReader();
            while (reader.Read())
            {
                events.Add(JsonSerializer.Deserialize(reader.GetString(0), MeshJsonContext.Default.MeshEvent)
                    ?? throw new InvalidDataException($"An event row of mesh '{mesh}' holds JSON null."));
            }
            return events;
        }, cancellationToken);
    }

    public async Task<long> LastSeqAsync(string mesh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        return await Readers.ReadAsync(
            sql => Convert.ToInt64(sql.Get(LastSeqSql).With("$mesh", mesh).ExecuteScalar(), CultureInfo.InvariantCulture),
            cancellationToken);
    }
}
