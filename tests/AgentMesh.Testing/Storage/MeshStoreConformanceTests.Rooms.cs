using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task Room_SaveAndList_RoundTripsWithAnEvent()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var room = Room("standup", RoomMode.RoundRobin, Agent("alice"), Agent("bob")) with { Turn = "alice-id", TurnSince = T0 };

        await store.SaveRoomAsync(room, MeshEventType.RoomCreated, T0, Ct);
        var listed = Assert.Single(await store.ListRoomsAsync(Ct));

        Assert.Equal(room.Name, listed.Name);
        Assert.Equal(room.Members.Select(m => m.Name), listed.Members.Select(m => m.Name));
        Assert.Equal((room.Turn, room.TurnSince, room.TurnTimeoutSeconds), (listed.Turn, listed.TurnSince, listed.TurnTimeoutSeconds));
        var created = Assert.Single(sink.Events, e => e.Type == MeshEventType.RoomCreated);
        Assert.Equal("standup", created.Room?.Name);
        Assert.Null(created.Agent);
    }

    [Fact]
    public async Task Append_PerRecipientKind_EachRecipientSeesItsOwnKind()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);
        var message = Message(alice, "@bob look") with { Kind = MessageKind.Note, Room = "ops", To = "room:ops" };

        var sent = await store.AppendMessageAsync(new MessageWrite(message, [new Recipient(bob, MessageKind.Task), new Recipient(carol)]), Ct);
        var bobPeek = Assert.Single(await store.PeekAsync(bob.Id, 10, Ct));
        var carolPeek = Assert.Single(await store.PeekAsync(carol.Id, 10, Ct));
        var bobConsumed = Assert.Single(await ConsumeAsync(store, bob, T0));
        var detail = await store.GetMessageAsync(Mesh, message.Id, Ct);
        var bobEvent = (await AllEventsAsync(store, agentId: bob.Id)).First(e => e.Type == MeshEventType.MessageQueued);
        var published = sink.Events.First(e => e.Type == MeshEventType.MessageQueued && e.Agent == bob.Id);

        Assert.Equal(MessageKind.Task, sent.Deliveries.Single(d => d.Recipient == bob.Id).Kind);
        Assert.Null(sent.Deliveries.Single(d => d.Recipient == carol.Id).Kind);
        Assert.Equal((MessageKind.Task, "ops"), (bobPeek.Message.Kind, bobPeek.Message.Room));
        Assert.Equal(MessageKind.Note, carolPeek.Message.Kind);
        Assert.Equal(MessageKind.Task, bobConsumed.Message.Kind);
        Assert.Equal(MessageKind.Note, detail?.Message.Kind);
        Assert.Equal(MessageKind.Task, detail?.Deliveries.Single(d => d.Recipient == bob.Id).Kind);
        Assert.Equal(MessageKind.Task, bobEvent.Message?.Kind);
        Assert.Equal(MessageKind.Task, published.Message?.Kind);
    }

    [Fact]
    public async Task Append_WithRoomState_SavesTheRoomInTheSameWrite_NotOnADuplicate()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var room = Room("standup", RoomMode.RoundRobin, alice, bob) with { Turn = alice.Id, TurnSince = T0 };
        await store.SaveRoomAsync(room, MeshEventType.RoomCreated, T0, Ct);
        var moved = room with { Turn = bob.Id, TurnSince = T0.AddSeconds(1) };

        await store.AppendMessageAsync(new MessageWrite(Message(alice, "mine") with { Room = "standup" }, [new Recipient(bob)]) { Room = moved, IdempotencyKey = "k" }, Ct);
        var afterFirst = Assert.Single(await store.ListRoomsAsync(Ct));
        var again = await store.AppendMessageAsync(
            new MessageWrite(Message(alice, "mine") with { Room = "standup" }, [new Recipient(bob)]) { Room = room with { Turn = "nobody" }, IdempotencyKey = "k" }, Ct);
        var afterDuplicate = Assert.Single(await store.ListRoomsAsync(Ct));

        Assert.Equal(bob.Id, afterFirst.Turn);
        Assert.True(again.Duplicate);
        Assert.Equal(bob.Id, afterDuplicate.Turn);
        Assert.Single(sink.Events, e => e.Type == MeshEventType.RoomUpdated);
    }

    [Fact]
    public async Task RoomHistory_OnlyThatRoomsMessages_NewestFirst_Paged()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var posts = new List<MessageEnvelope>();
        for (var i = 0; i < 3; i++)
        {
            var post = Message(alice, $"post {i}", T0.AddSeconds(i)) with { Room = "team" };
            posts.Add(post);
            await SendAsync(store, post, bob);
        }
        await SendAsync(store, Message(alice, "direct"), bob);
        await SendAsync(store, Message(alice, "elsewhere") with { Room = "other" }, bob);

        var page = await store.RoomHistoryAsync(Mesh, "team", 2, null, Ct);
        var older = await store.RoomHistoryAsync(Mesh, "team", 2, page[^1].Id, Ct);

        Assert.Equal(["post 2", "post 1"], page.Select(m => m.Body));
        Assert.Equal(["post 0"], older.Select(m => m.Body));
    }

    [Fact]
    public async Task Role_Hold_Release_HandsHeldMessagesToTheRecipientOnce()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (lead, alice) = (Agent("lead"), Agent("alice"));
        await SaveAsync(store, lead, alice);
        await store.SaveRoleAsync(Role("reviewer", alice), T0, Ct);
        var first = Message(lead, "one") with { To = "role:reviewer" };
        var second = Message(lead, "two", T0.AddSeconds(1)) with { To = "role:reviewer" };

        await store.AppendMessageAsync(new MessageWrite(first, []) { HoldForRole = "reviewer" }, Ct);
        await store.AppendMessageAsync(new MessageWrite(second, []) { HoldForRole = "reviewer" }, Ct);
        var heldCount = Assert.Single(await store.ListRolesAsync(Ct)).Held;
        var released = await store.ReleaseHeldAsync(Mesh, "reviewer", alice, T0.AddMinutes(1), Ct);
        var releasedAgain = await store.ReleaseHeldAsync(Mesh, "reviewer", alice, T0.AddMinutes(2), Ct);

        Assert.Equal(2, heldCount);
        Assert.Equal(2, released);
        Assert.Equal(0, releasedAgain);
        Assert.Equal(["one", "two"], (await store.PeekAsync(alice.Id, 10, Ct)).Select(i => i.Message.Body));
        Assert.Equal(0, Assert.Single(await store.ListRolesAsync(Ct)).Held);
        Assert.Equal(2, sink.Events.Count(e => e.Type == MeshEventType.MessageQueued && e.Agent == alice.Id));
        // Live views follow the count from events: saved (0), held one (1), held two (2), released (0); the empty release says nothing.
        Assert.Equal([0, 1, 2, 0], sink.Events.Where(e => e.Type == MeshEventType.RoleUpdated).Select(e => e.Role!.Held));
        Assert.Equal(["reviewer"], sink.Events.Where(e => e.Type == MeshEventType.RoleUpdated).Select(e => e.Role!.Name).Distinct());
    }

    [Fact]
    public async Task Role_SaveReplaceDelete_DeleteDropsItsHolds()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (lead, alice, bob) = (Agent("lead"), Agent("alice"), Agent("bob"));
        await SaveAsync(store, lead, alice, bob);
        await store.SaveRoleAsync(Role("reviewer", alice), T0, Ct);
        await store.SaveRoleAsync(Role("reviewer", bob, alice) with { Fallback = RoleFallback.Reject, Capabilities = ["review"] }, T0, Ct);
        await store.AppendMessageAsync(new MessageWrite(Message(lead, "held"), []) { HoldForRole = "reviewer" }, Ct);
        var replaced = Assert.Single(await store.ListRolesAsync(Ct));

        var dropped = await store.DeleteRoleAsync(Mesh, "reviewer", T0, Ct);

        Assert.Equal(["bob", "alice"], replaced.Agents.Select(a => a.Name));
        Assert.Equal((RoleFallback.Reject, "review"), (replaced.Fallback, Assert.Single(replaced.Capabilities)));
        Assert.Equal(1, dropped);
        Assert.Empty(await store.ListRolesAsync(Ct));
        Assert.Equal(0, await store.ReleaseHeldAsync(Mesh, "reviewer", alice, T0, Ct));
        Assert.Equal([MeshEventType.RoleUpdated, MeshEventType.RoleUpdated, MeshEventType.RoleUpdated, MeshEventType.RoleDeleted],
            sink.Events.Where(e => e.Type.StartsWith("role.", StringComparison.Ordinal)).Select(e => e.Type)); // the third: one held
        Assert.Equal([0, 0, 1], sink.Events.Where(e => e.Type == MeshEventType.RoleUpdated).Select(e => e.Role!.Held));
    }

    [Fact]
    public async Task RoomsRolesAndHolds_SurviveAReopen()
    {
        var (lead, alice) = (Agent("lead"), Agent("alice"));
        await using (var store = await OpenAsync())
        {
            await SaveAsync(store, lead, alice);
            await store.SaveRoomAsync(Room("team", RoomMode.Reactive, lead, alice), MeshEventType.RoomCreated, T0, Ct);
            await store.SaveRoleAsync(Role("reviewer", alice), T0, Ct);
            await store.AppendMessageAsync(new MessageWrite(Message(lead, "held"), []) { HoldForRole = "reviewer" }, Ct);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(RoomMode.Reactive, Assert.Single(await reopened.ListRoomsAsync(Ct)).Mode);
        Assert.Equal(1, Assert.Single(await reopened.ListRolesAsync(Ct)).Held);
    }

    private static RoomInfo Room(string name, string mode, params AgentInfo[] members) => new()
    {
        Name = name,
        Mesh = Mesh,
        Mode = mode,
        Members = [.. members.Select(m => new RoomMember { Id = m.Id, Name = m.Name })],
        TurnTimeoutSeconds = 300,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static RoleInfo Role(string name, params AgentInfo[] agents) => new()
    {
        Name = name,
        Mesh = Mesh,
        Agents = [.. agents.Select((a, i) => new RoleMember { Id = a.Id, Name = a.Name, Priority = i + 1 })],
        Fallback = RoleFallback.Queue,
        CreatedAt = T0,
        UpdatedAt = T0,
    };
}
