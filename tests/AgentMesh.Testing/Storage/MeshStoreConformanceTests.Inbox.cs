using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task Peek_Twice_IsOldestFirstLimitedAndChangesNothing()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(store, Message(alice, $"m{i}"), bob);
        }
        var seqBefore = await store.LastSeqAsync(Mesh, Ct);

        var first = await store.PeekAsync(bob.Id, 2, Ct);
        var second = await store.PeekAsync(bob.Id, 2, Ct);

        Assert.Equal(["m1", "m2"], first.Select(i => i.Message.Body));
        Assert.All(first, i => Assert.Equal((DeliveryState.Queued, 0, null), (i.State, i.Attempts, i.LeaseUntil)));
        Assert.Equal(first.Select(i => i.Message.Id), second.Select(i => i.Message.Id));
        Assert.Equal(seqBefore, await store.LastSeqAsync(Mesh, Ct));
        Assert.Empty(await store.PeekAsync(alice.Id, 10, Ct));
    }

    [Fact]
    public async Task Consume_Queued_LeasesOldestFirstAndEmitsDelivered()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(store, Message(alice, $"m{i}"), bob);
        }
        var now = T0.AddSeconds(10);

        var taken = await store.ConsumeAsync(bob.Id, 2, now, now.AddMinutes(5), 5, Ct);
        var rest = await ConsumeAsync(store, bob, now);
        var whileLeased = await ConsumeAsync(store, bob, now.AddMinutes(1));
        var peek = await store.PeekAsync(bob.Id, 10, Ct);

        Assert.Equal(["m1", "m2"], taken.Select(i => i.Message.Body));
        Assert.All(taken, i => Assert.Equal((DeliveryState.Delivered, 1, now.AddMinutes(5)), (i.State, i.Attempts, i.LeaseUntil)));
        Assert.Equal(["m3"], rest.Select(i => i.Message.Body));
        Assert.Empty(whileLeased);
        Assert.Equal(3, peek.Count);
        Assert.All(peek, i => Assert.Equal(DeliveryState.Delivered, i.State));
        var delivered = (await AllEventsAsync(store, agentId: bob.Id)).Where(e => e.Type == MeshEventType.DeliveryDelivered).ToList();
        Assert.Equal(taken.Concat(rest).Select(i => i.Message.Id), delivered.Select(e => e.Delivery?.MessageId));
        Assert.All(delivered, e => Assert.Equal((DeliveryState.Delivered, 1, now), (e.Delivery?.State, e.Delivery?.Attempts, e.At)));
    }

    [Fact]
    public async Task Consume_AfterLeaseExpired_RedeliversWithOneMoreAttempt()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        await SendAsync(store, Message(alice, "flaky"), bob);

        await ConsumeAsync(store, bob, T0);
        var again = await ConsumeAsync(store, bob, T0.AddMinutes(5));

        var item = Assert.Single(again);
        Assert.Equal((2, T0.AddMinutes(10)), (item.Attempts, item.LeaseUntil));
    }

    [Fact]
    public async Task Consume_AtMaxAttempts_MarksDeadInsteadAndEmitsDead()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var poison = await SendAsync(store, Message(alice, "poison"), bob);
        await SendAsync(store, Message(alice, "fine"), bob);
        await store.ConsumeAsync(bob.Id, 1, T0, T0.AddMinutes(1), 2, Ct);
        await store.ConsumeAsync(bob.Id, 1, T0.AddMinutes(1), T0.AddMinutes(2), 2, Ct);

        var third = await store.ConsumeAsync(bob.Id, 1, T0.AddMinutes(2), T0.AddMinutes(3), 2, Ct);

        Assert.Equal("fine", Assert.Single(third).Message.Body);
        var detail = await store.GetMessageAsync(Mesh, poison.Message.Id, Ct);
        Assert.Equal((DeliveryState.Dead, 2), (detail?.Deliveries[0].State, detail?.Deliveries[0].Attempts));
        var dead = Assert.Single(await AllEventsAsync(store), e => e.Type == MeshEventType.DeliveryDead);
        Assert.Equal((bob.Id, poison.Message.Id), (dead.Agent, dead.Delivery?.MessageId));
        Assert.DoesNotContain(await store.PeekAsync(bob.Id, 10, Ct), i => i.Message.Id == poison.Message.Id);
    }

    [Fact]
    public async Task Ack_QueuedAndDelivered_AcknowledgesEmitsAndEmptiesTheInbox()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var queued = await SendAsync(store, Message(alice, "queued"), bob);
        var delivered = await SendAsync(store, Message(alice, "delivered"), bob);
        await store.ConsumeAsync(bob.Id, 1, T0, T0.AddMinutes(5), 5, Ct);

        var ack = await store.AckAsync(bob.Id, [queued.Message.Id, delivered.Message.Id], T0.AddSeconds(30), Ct);

        Assert.Equal([queued.Message.Id, delivered.Message.Id], ack.Acknowledged);
        Assert.Empty(ack.NotFound);
        Assert.Empty(await store.PeekAsync(bob.Id, 10, Ct));
        var acks = (await AllEventsAsync(store)).Where(e => e.Type == MeshEventType.DeliveryAcknowledged).ToList();
        Assert.Equal(2, acks.Count);
        Assert.All(acks, e => Assert.Equal((bob.Id, DeliveryState.Acknowledged, T0.AddSeconds(30)), (e.Agent, e.Delivery?.State, e.At)));
    }

    [Fact]
    public async Task Ack_Twice_IsIdempotentWithoutASecondEvent()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var sent = await SendAsync(store, Message(alice, "once"), bob);
        await store.AckAsync(bob.Id, [sent.Message.Id], T0, Ct);
        var seq = await store.LastSeqAsync(Mesh, Ct);

        var again = await store.AckAsync(bob.Id, [sent.Message.Id], T0.AddSeconds(1), Ct);

        Assert.Equal([sent.Message.Id], again.Acknowledged);
        Assert.Empty(again.NotFound);
        Assert.Equal(seq, await store.LastSeqAsync(Mesh, Ct));
    }

    [Fact]
    public async Task Ack_UnknownIdOrSomeoneElsesMessage_IsNotFound()
    {
        await using var store = await OpenAsync();
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);
        var forCarol = await SendAsync(store, Message(alice, "for carol"), carol);
        var forBob = await SendAsync(store, Message(alice, "for bob"), bob);

        var ack = await store.AckAsync(bob.Id, ["01NOPE", forCarol.Message.Id, forBob.Message.Id], T0, Ct);

        Assert.Equal([forBob.Message.Id], ack.Acknowledged);
        Assert.Equal(["01NOPE", forCarol.Message.Id], ack.NotFound);
        Assert.Single(await store.PeekAsync(carol.Id, 10, Ct));
    }

    [Fact]
    public async Task ExpireLeases_Expired_RequeuesOrKillsAndLeavesLiveLeases()
    {
        await using var store = await OpenAsync();
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);
        var retry = await SendAsync(store, Message(alice, "retry"), bob);
        var exhausted = await SendAsync(store, Message(alice, "exhausted"), carol);
        var live = await SendAsync(store, Message(alice, "live"), alice);
        await store.ConsumeAsync(bob.Id, 10, T0, T0.AddMinutes(1), 2, Ct);
        await store.ConsumeAsync(carol.Id, 10, T0, T0.AddMinutes(1), 2, Ct);
        await store.ConsumeAsync(carol.Id, 10, T0.AddMinutes(1), T0.AddMinutes(2), 2, Ct);
        await store.ConsumeAsync(alice.Id, 10, T0.AddMinutes(1), T0.AddMinutes(30), 2, Ct);

        var changed = await store.ExpireLeasesAsync(T0.AddMinutes(5), 2, Ct);
        var nothingLeft = await store.ExpireLeasesAsync(T0.AddMinutes(5), 2, Ct);

        Assert.Equal((2, 0), (changed, nothingLeft));
        Assert.Equal(DeliveryState.Queued, (await store.GetMessageAsync(Mesh, retry.Message.Id, Ct))?.Deliveries[0].State);
        Assert.Equal(DeliveryState.Dead, (await store.GetMessageAsync(Mesh, exhausted.Message.Id, Ct))?.Deliveries[0].State);
        Assert.Equal(DeliveryState.Delivered, (await store.GetMessageAsync(Mesh, live.Message.Id, Ct))?.Deliveries[0].State);
        var events = await AllEventsAsync(store);
        Assert.Equal(bob.Id, Assert.Single(events, e => e.Type == MeshEventType.DeliveryRequeued).Agent);
        Assert.Equal(carol.Id, Assert.Single(events, e => e.Type == MeshEventType.DeliveryDead).Agent);
        var redelivered = Assert.Single(await ConsumeAsync(store, bob, T0.AddMinutes(6)));
        Assert.Equal(2, redelivered.Attempts);
    }

    [Fact]
    public async Task Counts_UnreadPerAgentAndPendingOverall_CountQueuedAndDeliveredOnly()
    {
        await using var store = await OpenAsync();
        await store.CreateMeshAsync("team", T0, Ct);
        var (alice, bob, carol, dave) = (Agent("alice"), Agent("bob"), Agent("carol"), Agent("dave", mesh: "team"));
        await SaveAsync(store, alice, bob, carol, dave);
        await SendAsync(store, Message(alice, "1"), bob, carol);
        await SendAsync(store, Message(alice, "2"), bob);
        var acked = await SendAsync(store, Message(alice, "3"), bob);
        await SendAsync(store, Message(dave, "4"), dave);
        await store.AckAsync(bob.Id, [acked.Message.Id], T0, Ct);
        await store.ConsumeAsync(carol.Id, 10, T0, T0.AddMinutes(5), 5, Ct);

        var unread = await store.CountUnreadAsync(Mesh, Ct);

        Assert.Equal(2, unread[bob.Id]);
        Assert.Equal(1, unread[carol.Id]);
        Assert.False(unread.ContainsKey(alice.Id));
        Assert.False(unread.ContainsKey(dave.Id));
        Assert.Equal(4, await store.CountPendingAsync(Ct));
    }
}
