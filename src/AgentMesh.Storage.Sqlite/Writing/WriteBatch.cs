using System.Runtime.InteropServices;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// What an operation sees while the writer runs it: the writer's statements and the batch's events. Sequence
/// numbers are handed out here, from the in-memory next-seq per mesh; when an operation (or the whole batch)
/// rolls back, its numbers are given back so the log never has gaps.
/// </summary>
internal sealed class WriteBatch(StatementCache sql, Dictionary<string, long> nextSeq)
{
    private const string InsertEventSql = """
        INSERT INTO events (mesh, seq, agent_id, type, at, json) VALUES ($mesh, $seq, $agent, $type, $at, $json)
        """;
    private const string FindAgentSql = "SELECT mesh, name FROM agents WHERE id = $id";

    private readonly List<MeshEvent> _events = [];

    public StatementCache Sql => sql;

    /// <summary>The events of the operations that succeeded so far, in seq order per mesh.</summary>
    public IReadOnlyList<MeshEvent> Events => _events;

    /// <summary>A point to roll back to with <see cref="RollbackTo"/>.</summary>
    public int Mark => _events.Count;

    public void Emit(
        string mesh, string type, DateTimeOffset at, string agentId,
        AgentInfo? agent = null, MessageEnvelope? message = null, DeliveryInfo? delivery = null)
    {
        ref var next = ref CollectionsMarshal.GetValueRefOrAddDefault(nextSeq, mesh, out _);
        var seq = Math.Max(next, 1);
        var e = new MeshEvent
        {
            Seq = seq,
            Mesh = mesh,
            Type = type,
            At = at,
            Agent = agentId,
            AgentInfo = agent,
            Message = message,
            Delivery = delivery,
        };
        sql.Get(InsertEventSql)
            .With("$mesh", mesh)
            .With("$seq", seq)
            .With("$agent", agentId)
            .With("$type", type)
            .With("$at", UnixTime.ToMs(at))
            .With("$json", JsonSerializer.Serialize(e, MeshJsonContext.Default.MeshEvent))
            .ExecuteNonQuery();
        next = seq + 1;
        _events.Add(e);
    }

    /// <summary>Forgets the events emitted after <paramref name="mark"/> and gives their seqs back.</summary>
    public void RollbackTo(int mark)
    {
        for (var i = _events.Count - 1; i >= mark; i--)
        {
            nextSeq[_events[i].Mesh] = _events[i].Seq;
        }
        _events.RemoveRange(mark, _events.Count - mark);
    }

    public void Clear() => _events.Clear();

    /// <summary>The mesh and name of an agent, or null when the store does not know it.</summary>
    public (string Mesh, string Name)? FindAgent(string agentId)
    {
        using var reader = sql.Get(FindAgentSql).With("$id", agentId).ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }
}
