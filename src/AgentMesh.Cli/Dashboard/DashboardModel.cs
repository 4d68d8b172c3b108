using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Dashboard;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Cli.Dashboard;

/// <summary>What applying one event did to the model.</summary>
internal enum EventOutcome
{
    /// <summary>The event moved the model on by one seq.</summary>
    Applied,

    /// <summary>The snapshot already included it (seq at or before the cursor); nothing changed.</summary>
    AlreadySeen,

    /// <summary>Events are missing between the cursor and this one: take a new snapshot.</summary>
    Gap,
}

/// <summary>
/// The state of a mesh as a dashboard shows it: a snapshot, moved on by the mesh's events one seq at a time.
/// Pure: no I/O, no clock, no locks — the caller serialises access. Unread is what each recipient has
/// queued or delivered but not acknowledged: +1 on <c>message.queued</c>, −1 on <c>delivery.acknowledged</c>
/// or <c>delivery.dead</c>; a lease that expires (<c>delivery.requeued</c>) leaves it unread. A mesh's seqs
/// have no holes, so an event that is not the next seq means the picture is incomplete (<see cref="EventOutcome.Gap"/>).
/// </summary>
internal sealed class DashboardModel(string mesh, int messageCapacity = DashboardModel.DefaultMessageCapacity, string? broker = null)
{
    public const int DefaultMessageCapacity = 30;

    private readonly Dictionary<string, AgentInfo> _agents = [];
    private readonly Dictionary<string, int> _unread = [];
    private readonly List<MessageEnvelope> _messages = [];
    private readonly Dictionary<string, RoomInfo> _rooms = [];
    private readonly Dictionary<string, RoleInfo> _roles = [];

    public string Mesh { get; private set; } = mesh;
    public string? Broker { get; private set; } = broker;

    /// <summary>The seq of the last event reflected here; 0 before anything happened in the mesh.</summary>
    public long Cursor { get; private set; }

    /// <summary>False until the first snapshot is loaded.</summary>
    public bool Loaded { get; private set; }

    public int MessageCapacity => messageCapacity;

    /// <summary>Replaces everything with <paramref name="snapshot"/>.</summary>
    public void Load(DashboardSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Mesh = snapshot.Mesh;
        Broker = snapshot.Broker;
        Cursor = snapshot.Cursor;
        _agents.Clear();
        _unread.Clear();
        foreach (var agent in snapshot.Agents)
        {
            _agents[agent.Id] = agent with { Unread = null };
            _unread[agent.Id] = agent.Unread ?? 0;
        }
        _messages.Clear();
        _messages.AddRange(snapshot.Messages.DistinctBy(m => m.Id).Take(messageCapacity));
        _rooms.Clear();
        foreach (var room in snapshot.Rooms)
        {
            _rooms[room.Name] = room;
        }
        _roles.Clear();
        foreach (var role in snapshot.Roles)
        {
            _roles[role.Name] = role;
        }
        Loaded = true;
    }

    public EventOutcome Apply(MeshEvent meshEvent)
    {
        ArgumentNullException.ThrowIfNull(meshEvent);
        if (meshEvent.Seq <= Cursor)
        {
            return EventOutcome.AlreadySeen;
        }
        if (meshEvent.Seq != Cursor + 1)
        {
            return EventOutcome.Gap;
        }
        Cursor = meshEvent.Seq;
        switch (meshEvent.Type)
        {
            case MeshEventType.AgentRegistered or MeshEventType.AgentStatus or MeshEventType.AgentOffline
                when meshEvent.AgentInfo is { } agent:
                _agents[agent.Id] = agent with { Unread = null };
                _unread.TryAdd(agent.Id, 0);
                break;
            case MeshEventType.MessageQueued:
                if (meshEvent.Message is { } message)
                {
                    AddMessage(message);
                }
                ChangeUnread(meshEvent.Agent ?? meshEvent.Delivery?.Recipient, +1);
                break;
            case MeshEventType.DeliveryAcknowledged or MeshEventType.DeliveryDead:
                ChangeUnread(meshEvent.Agent ?? meshEvent.Delivery?.Recipient, -1);
                break;
            case MeshEventType.RoomCreated or MeshEventType.RoomUpdated or MeshEventType.RoomClosed
                when meshEvent.Room is { } room:
                _rooms[room.Name] = room;
                break;
            case MeshEventType.RoleUpdated when meshEvent.Role is { } role:
                _roles[role.Name] = role;
                break;
            case MeshEventType.RoleDeleted when meshEvent.Role is { } role:
                _roles.Remove(role.Name);
                break;
            default:
                break; // delivered and requeued leave unread as it is; unknown (newer) types are skipped
        }
        return EventOutcome.Applied;
    }

    /// <summary>Agents live first, then by name, each with its unread count.</summary>
    public IReadOnlyList<AgentInfo> Agents =>
        [.. _agents.Values
            .OrderBy(a => AgentStatus.IsLive(a.Status) ? 0 : 1)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => a with { Unread = _unread.GetValueOrDefault(a.Id) })];

    public int UnreadOf(string agentId) => _unread.GetValueOrDefault(agentId);

    /// <summary>Newest first, at most <see cref="MessageCapacity"/>.</summary>
    public IReadOnlyList<MessageEnvelope> Messages => _messages;

    /// <summary>Open rooms first, then by name.</summary>
    public IReadOnlyList<RoomInfo> Rooms =>
        [.. _rooms.Values.OrderBy(r => r.Closed ? 1 : 0).ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>By name, each member's status taken from the agents as they are now (a role stores only who its members are).</summary>
    public IReadOnlyList<RoleInfo> Roles =>
        [.. _roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r with
        {
            Agents = [.. r.Agents.Select(m => m with { Status = _agents.TryGetValue(m.Id, out var a) ? a.Status : m.Status })],
        })];

    public DashboardSnapshot ToSnapshot(DateTimeOffset takenAt) => new()
    {
        Mesh = Mesh,
        Broker = Broker,
        Cursor = Cursor,
        TakenAt = takenAt,
        Agents = Agents,
        Messages = [.. _messages],
        Rooms = Rooms,
        Roles = Roles,
    };

    private void AddMessage(MessageEnvelope message)
    {
        // One message to many recipients arrives as one message.queued each; show it once.
        if (_messages.Exists(m => m.Id == message.Id))
        {
            return;
        }
        _messages.Insert(0, message);
        if (_messages.Count > messageCapacity)
        {
            _messages.RemoveAt(_messages.Count - 1);
        }
    }

    private void ChangeUnread(string? agentId, int by)
    {
        if (agentId is not null)
        {
            _unread[agentId] = Math.Max(0, _unread.GetValueOrDefault(agentId) + by);
        }
    }
}
