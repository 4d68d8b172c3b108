using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task ReadEvents_MeshAndAgent_FollowTheCursorAndLimit()
    {
        await using var store = await OpenAsync();
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);
        await SendAsync(store, Message(alice, "1"), bob, carol);
        await SendAsync(store, Message(alice, "2"), bob);

        var all = await store.ReadEventsAsync(Mesh, 0, null, 100, Ct);
        var afterThree = await store.ReadEventsAsync(Mesh, 3, null, 2, Ct);
        var bobs = await store.ReadEventsAsync(Mesh, 0, bob.Id, 100, Ct);
        var bobsAfterFirst = await store.ReadEventsAsync(Mesh, bobs[0].Seq, bob.Id, 1, Ct);

        Assert.Equal(6, all.Count);
        AssertContiguous(all);
        Assert.Equal([4L, 5L], afterThree.Select(e => e.Seq));
        Assert.Equal([MeshEventType.AgentRegistered, MeshEventType.MessageQueued, MeshEventType.MessageQueued], bobs.Select(e => e.Type));
        Assert.All(bobs, e => Assert.Equal(bob.Id, e.Agent));
        Assert.Equal([bobs[1].Seq], bobsAfterFirst.Select(e => e.Seq));
        Assert.Empty(await store.ReadEventsAsync(Mesh, all[^1].Seq, null, 100, Ct));
        Assert.Equal(all[^1].Seq, await store.LastSeqAsync(Mesh, Ct));
    }

    [Fact]
    public async Task Events_TwoMeshes_EachHasItsOwnSequenceFromOne()
    {
        await using var store = await OpenAsync();
        await store.CreateMeshAsync("team", T0, Ct);

        await SaveAsync(store, Agent("alice"), Agent("bob", mesh: "team"), Agent("carol"), Agent("dave", mesh: "team"));

        AssertContiguous(await AllEventsAsync(store));
        AssertContiguous(await AllEventsAsync(store, "team"));
        Assert.Equal(2, await store.LastSeqAsync("team", Ct));
        Assert.Equal(0, await store.LastSeqAsync("nothing-here", Ct));
    }

    [Fact]
    public async Task Sink_EveryCommit_GetsItsEventsAfterTheyAreReadableInSeqOrder()
    {
        var sink = new RecordingEventSink();
        var visibleAtPublish = new List<(long Seq, Task<long> LastSeq)>();
        IMeshStore? opened = null;
        sink.OnPublish = batch =>
        {
            lock (visibleAtPublish)
            {
                visibleAtPublish.Add((batch.Max(e => e.Seq), opened!.LastSeqAsync(Mesh, Ct))); // set before the first write
            }
        };
        await using var store = await OpenAsync(sink);
        opened = store; // the first publish happens after this: the store is empty until SaveAsync below
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);

        var sends = Enumerable.Range(0, 20).Select(i => SendAsync(store, Message(alice, $"m{i}"), bob)).ToList();
        await Task.WhenAll(sends).WaitAsync(Timeout, Ct);
        var consumed = await ConsumeAsync(store, bob, T0);
        await store.AckAsync(bob.Id, [.. consumed.Select(i => i.Message.Id)], T0, Ct);

        Assert.Equal(await AllEventsAsync(store), sink.Events);
        AssertContiguous(sink.Events);
        foreach (var (seq, lastSeq) in visibleAtPublish)
        {
            Assert.True(await lastSeq.WaitAsync(Timeout, Ct) >= seq, $"event {seq} was published before it was readable");
        }
    }

    [Fact]
    public async Task Sink_WhenAWriteCompletes_AlreadyHasItsEvents()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);

        var sent = await SendAsync(store, Message(alice, "hello"), bob);

        Assert.Contains(sink.Events, e => e.Type == MeshEventType.MessageQueued && e.Message?.Id == sent.Message.Id);
    }

    [Fact]
    public async Task ReadEvents_QueuedDeliveries_ReadBackExactlyAsPublished()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);

        // One recipient with the message's kind and one with its own (a reactive room's mention), then a message held
        // for a role and queued a minute after it was sent.
        await store.AppendMessageAsync(new MessageWrite(Message(alice, "mixed"), [new Recipient(bob), new Recipient(carol, MessageKind.Note)]), Ct);
        await store.AppendMessageAsync(new MessageWrite(Message(alice, "held"), []) { HoldForRole = "reviewer" }, Ct);
        await store.ReleaseHeldAsync(Mesh, "reviewer", bob, T0.AddMinutes(1), Ct);
        var mesh = await AllEventsAsync(store);
        var carols = await AllEventsAsync(store, agentId: carol.Id);

        Assert.Equal(sink.Events, mesh);
        Assert.Equal(sink.Events.Where(e => e.Agent == carol.Id), carols);
        var queued = mesh.Where(e => e.Type == MeshEventType.MessageQueued).ToList();
        Assert.Equal(3, queued.Count);
        Assert.Contains(queued, e => e.Delivery!.Kind == MessageKind.Note && e.Message!.Kind == MessageKind.Note && e.Agent == carol.Id);
        Assert.Contains(queued, e => e.At == T0.AddMinutes(1) && e.Delivery!.UpdatedAt == T0.AddMinutes(1) && e.Message!.CreatedAt == T0);
    }
}
