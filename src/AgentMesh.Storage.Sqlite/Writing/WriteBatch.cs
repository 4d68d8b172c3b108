using System.Runtime.InteropServices;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// What an operation sees while the writer runs it: the writer's statements, the batch's events and the newest
/// message it stored. Sequence numbers are handed out here,
/// from the in-memory next-seq per mesh; when an operation (or the whole batch) rolls back, its numbers are
/// given back so the log never has gaps.
/// </summary>
internal sealed class WriteBatch(StatementCache sql, Dictionary<string, long> nextSeq)
{
    private const string InsertEventSql = """
        INSERT INTO events (mesh, seq, agent_id, message_pk, json) VALUES ($mesh, $seq, $agent, $messagePk, $json)
        """;
    private const string FindAgentSql = "SELECT mesh, name FROM agents WHERE id = $id";

    private readonly List<MeshEvent> _events = [];

    public StatementCache Sql => sql;

    /// <summary>The events of the operations that succeeded so far, in seq order per mesh.</summary>
    public IReadOnlyList<MeshEvent> Events => _events;

    /// <summary>A point to roll back to with <see cref="RollbackTo"/>.</summary>
    public Mark Position => new(_events.Count, NewestMessagePk);

    /// <summary>The highest message pk this batch stored (0 when none): the bulk indexer's work to come.</summary>
    public long NewestMessagePk { get; private set; }

    /// <summary>
    /// Appends an event to the mesh's log and to this batch. A message travels by reference: the row keeps
    /// <paramref name="messagePk"/> and the reader joins the message back in, so a message to ten agents
    /// stores its body once, not eleven times. <paramref name="stored"/>, when given, is what the row's
    /// <c>json</c> keeps instead of the serialised event (see <see cref="QueuedEventRows"/>).
    /// </summary>
    public void Emit(
        string mesh, string type, DateTimeOffset at, string? agentId,
        AgentInfo? agent = null, DeliveryInfo? delivery = null, MessageEnvelope? message = null, long? messagePk = null,
        RoomInfo? room = null, RoleInfo? role = null, string? stored = null)
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
            Room = room,
            Role = role,
        };
        sql.Direct(InsertEventSql)
            .With("$mesh", mesh)
            .With("$seq", seq)
            .With("$agent", agentId)
            .With("$messagePk", messagePk)
            .With("$json", stored ?? JsonSerializer.Serialize(message is null ? e : e with { Message = null }, MeshJsonContext.Default.MeshEvent))
            .Execute();
        next = seq + 1;
        _events.Add(e);
    }

    /// <summary>Notes a newly stored message, for the bulk indexer (see <see cref="Indexing.BulkIndexer"/>).</summary>
    public void MessageStored(long pk) => NewestMessagePk = Math.Max(NewestMessagePk, pk);

    /// <summary>Forgets what was done after <paramref name="mark"/> and gives the events' seqs back.</summary>
    public void RollbackTo(Mark mark)
    {
        for (var i = _events.Count - 1; i >= mark.Events; i--)
        {
            nextSeq[_events[i].Mesh] = _events[i].Seq;
        }
        _events.RemoveRange(mark.Events, _events.Count - mark.Events);
        NewestMessagePk = mark.NewestMessagePk;
    }

    public void Clear()
    {
        _events.Clear();
        NewestMessagePk = 0;
    }

    /// <summary>The mesh and name of an agent, or null when the store does not know it.</summary>
    public (string Mesh, string Name)? FindAgent(string agentId)
    {
        using var reader = sql.Get(FindAgentSql).With("$id", agentId).ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    public readonly record struct Mark(int Events, long NewestMessagePk);
}
