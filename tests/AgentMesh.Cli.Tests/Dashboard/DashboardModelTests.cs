using AgentMesh.Cli.Dashboard;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Dashboard;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Cli.Tests.Dashboard;

/// <summary>The dashboard's state machine: a snapshot, moved on by each kind of event.</summary>
public sealed class DashboardModelTests
{
    private static readonly DateTimeOffset _t0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Load_Snapshot_AgentsLiveFirstWithUnread()
    {
        var model = Loaded(cursor: 7, agents: [Agent("a1", "zed", AgentStatus.Idle, unread: 2), Agent("a2", "amy", AgentStatus.Offline, unread: 0), Agent("a3", "bob", AgentStatus.Working)]);

        Assert.Equal(7, model.Cursor);
        Assert.Equal(["bob", "zed", "amy"], model.Agents.Select(a => a.Name));
        Assert.Equal(2, model.Agents.Single(a => a.Name == "zed").Unread);
        Assert.Equal(0, model.Agents.Single(a => a.Name == "bob").Unread);
    }

    [Theory]
    [InlineData(MeshEventType.AgentRegistered, AgentStatus.Online)]
    [InlineData(MeshEventType.AgentStatus, AgentStatus.Working)]
    [InlineData(MeshEventType.AgentOffline, AgentStatus.Offline)]
    public void Apply_AgentEvent_ReplacesTheAgentAndKeepsItsUnread(string type, string status)
    {
        var model = Loaded(cursor: 1, agents: [Agent("a1", "bob", AgentStatus.Idle, unread: 3)]);

        var outcome = model.Apply(Event(2, type, agent: "a1", agentInfo: Agent("a1", "bob", status)));

        Assert.Equal(EventOutcome.Applied, outcome);
        var bob = Assert.Single(model.Agents);
        Assert.Equal(status, bob.Status);
        Assert.Equal(3, bob.Unread);
        Assert.Equal(2, model.Cursor);
    }

    [Fact]
    public void Apply_AgentRegistered_NewAgentAppearsWithNothingUnread()
    {
        var model = Loaded(cursor: 0);

        model.Apply(Event(1, MeshEventType.AgentRegistered, agent: "a9", agentInfo: Agent("a9", "carol", AgentStatus.Online)));

        var carol = Assert.Single(model.Agents);
        Assert.Equal(("carol", 0), (carol.Name, carol.Unread));
    }

    [Fact]
    public void Apply_MessageQueuedToTwoRecipients_ShownOnceAndUnreadForEach()
    {
        var model = Loaded(cursor: 4, agents: [Agent("a1", "bob", AgentStatus.Idle), Agent("a2", "carol", AgentStatus.Idle)]);
        var message = Message("m1", "hello both");

        model.Apply(Event(5, MeshEventType.MessageQueued, agent: "a1", message: message, delivery: Delivery("m1", "a1", DeliveryState.Queued)));
        model.Apply(Event(6, MeshEventType.MessageQueued, agent: "a2", message: message, delivery: Delivery("m1", "a2", DeliveryState.Queued)));

        Assert.Equal("hello both", Assert.Single(model.Messages).Body);
        Assert.Equal(1, model.UnreadOf("a1"));
        Assert.Equal(1, model.UnreadOf("a2"));
    }

    [Fact]
    public void Apply_DeliveredAndRequeued_StillUnread_AcknowledgedAndDead_NoLonger()
    {
        var model = Loaded(cursor: 10, agents: [Agent("a1", "bob", AgentStatus.Idle, unread: 2)]);

        model.Apply(Event(11, MeshEventType.DeliveryDelivered, agent: "a1", delivery: Delivery("m1", "a1", DeliveryState.Delivered)));
        model.Apply(Event(12, MeshEventType.DeliveryRequeued, agent: "a1", delivery: Delivery("m1", "a1", DeliveryState.Queued)));
        Assert.Equal(2, model.UnreadOf("a1"));

        model.Apply(Event(13, MeshEventType.DeliveryAcknowledged, agent: "a1", delivery: Delivery("m1", "a1", DeliveryState.Acknowledged)));
        Assert.Equal(1, model.UnreadOf("a1"));

        model.Apply(Event(14, MeshEventType.DeliveryDead, agent: "a1", delivery: Delivery("m2", "a1", DeliveryState.Dead)));
        Assert.Equal(0, model.UnreadOf("a1"));

        // An ack for a message the snapshot no longer counted never takes unread below zero.
        model.Apply(Event(15, MeshEventType.DeliveryAcknowledged, agent: "a1", delivery: Delivery("m3", "a1", DeliveryState.Acknowledged)));
        Assert.Equal(0, model.UnreadOf("a1"));
    }

    [Fact]
    public void Apply_MoreMessagesThanCapacity_KeepsTheNewest()
    {
        var model = new DashboardModel("default", messageCapacity: 3);
        model.Load(Snapshot(0));

        for (var i = 1; i <= 5; i++)
        {
            model.Apply(Event(i, MeshEventType.MessageQueued, agent: "a1", message: Message($"m{i}", $"body {i}")));
        }

        Assert.Equal(["m5", "m4", "m3"], model.Messages.Select(m => m.Id));
    }

    [Fact]
    public void Apply_RoomCreatedUpdatedClosed_TracksTheTurnAndState()
    {
        var model = Loaded(cursor: 0);
        var room = Room("standup", turn: "a1");

        model.Apply(Event(1, MeshEventType.RoomCreated, room: room));
        model.Apply(Event(2, MeshEventType.RoomUpdated, room: room with { Turn = "a2" }));
        Assert.Equal("a2", Assert.Single(model.Rooms).Turn);

        model.Apply(Event(3, MeshEventType.RoomClosed, room: room with { Turn = "a2", Closed = true }));
        Assert.True(Assert.Single(model.Rooms).Closed);
    }

    [Fact]
    public void Apply_RoleUpdatedAndDeleted_MemberStatusFollowsTheAgents()
    {
        var model = Loaded(cursor: 0, agents: [Agent("a1", "bob", AgentStatus.Idle)]);
        var role = new RoleInfo
        {
            Name = "reviewer",
            Mesh = "default",
            Agents = [new RoleMember { Id = "a1", Name = "bob", Priority = 1, Status = AgentStatus.Idle }],
            Fallback = RoleFallback.Queue,
            CreatedAt = _t0,
            UpdatedAt = _t0,
        };

        model.Apply(Event(1, MeshEventType.RoleUpdated, role: role));
        model.Apply(Event(2, MeshEventType.AgentOffline, agent: "a1", agentInfo: Agent("a1", "bob", AgentStatus.Offline)));
        Assert.Equal(AgentStatus.Offline, Assert.Single(Assert.Single(model.Roles).Agents).Status);

        model.Apply(Event(3, MeshEventType.RoleDeleted, role: role));
        Assert.Empty(model.Roles);
    }

    [Fact]
    public void Apply_EventTheSnapshotAlreadyHas_ChangesNothing()
    {
        var model = Loaded(cursor: 5, agents: [Agent("a1", "bob", AgentStatus.Idle, unread: 1)]);

        var outcome = model.Apply(Event(5, MeshEventType.MessageQueued, agent: "a1", message: Message("m1", "old")));

        Assert.Equal(EventOutcome.AlreadySeen, outcome);
        Assert.Equal(1, model.UnreadOf("a1"));
        Assert.Empty(model.Messages);
    }

    [Fact]
    public void Apply_SeqSkipsAhead_ReportsAGapAndChangesNothing()
    {
        var model = Loaded(cursor: 5, agents: [Agent("a1", "bob", AgentStatus.Idle)]);

        var outcome = model.Apply(Event(7, MeshEventType.MessageQueued, agent: "a1", message: Message("m1", "after a hole")));

        Assert.Equal(EventOutcome.Gap, outcome);
        Assert.Equal(5, model.Cursor);
        Assert.Equal(0, model.UnreadOf("a1"));
    }

    [Fact]
    public void Apply_UnknownEventType_AdvancesTheCursorOnly()
    {
        var model = Loaded(cursor: 0);

        Assert.Equal(EventOutcome.Applied, model.Apply(Event(1, "task.created")));
        Assert.Equal(1, model.Cursor);
    }

    [Fact]
    public void ToSnapshot_AfterEvents_RoundTripsThroughLoad()
    {
        var model = Loaded(cursor: 0, agents: [Agent("a1", "bob", AgentStatus.Idle)]);
        model.Apply(Event(1, MeshEventType.MessageQueued, agent: "a1", message: Message("m1", "hi")));

        var copy = new DashboardModel("default");
        copy.Load(model.ToSnapshot(_t0));

        Assert.Equal(1, copy.Cursor);
        Assert.Equal(1, copy.UnreadOf("a1"));
        Assert.Equal("m1", Assert.Single(copy.Messages).Id);
    }

    private static DashboardModel Loaded(long cursor, IReadOnlyList<AgentInfo>? agents = null)
    {
        var model = new DashboardModel("default");
        model.Load(Snapshot(cursor, agents));
        return model;
    }

    private static DashboardSnapshot Snapshot(long cursor, IReadOnlyList<AgentInfo>? agents = null) => new()
    {
        Mesh = "default",
        Broker = "unix:/tmp/mesh.sock",
        Cursor = cursor,
        TakenAt = _t0,
        Agents = agents ?? [],
        Messages = [],
        Rooms = [],
        Roles = [],
    };

    private static AgentInfo Agent(string id, string name, string status, int? unread = null) => new()
    {
        Id = id,
        Name = name,
        Mesh = "default",
        Kind = AgentKind.Http,
        Status = status,
        RegisteredAt = _t0,
        LastSeen = _t0,
        Unread = unread,
    };

    private static MessageEnvelope Message(string id, string body) => new()
    {
        Id = id,
        Mesh = "default",
        From = "a0",
        FromName = "alice",
        To = "bob",
        Kind = MessageKind.Task,
        Body = body,
        ThreadId = id,
        CreatedAt = _t0,
    };

    private static DeliveryInfo Delivery(string messageId, string recipient, string state) => new()
    {
        MessageId = messageId,
        Recipient = recipient,
        RecipientName = recipient,
        State = state,
    };

    private static RoomInfo Room(string name, string? turn) => new()
    {
        Name = name,
        Mesh = "default",
        Mode = RoomMode.RoundRobin,
        Members = [new RoomMember { Id = "a1", Name = "bob" }, new RoomMember { Id = "a2", Name = "carol" }],
        TurnTimeoutSeconds = 300,
        Turn = turn,
        CreatedAt = _t0,
        UpdatedAt = _t0,
    };

    private static MeshEvent Event(
        long seq, string type, string? agent = null, AgentInfo? agentInfo = null, MessageEnvelope? message = null,
        DeliveryInfo? delivery = null, RoomInfo? room = null, RoleInfo? role = null) => new()
        {
            Seq = seq,
            Mesh = "default",
            Type = type,
            At = _t0,
            Agent = agent,
            AgentInfo = agentInfo,
            Message = message,
            Delivery = delivery,
            Room = room,
            Role = role,
        };
}
