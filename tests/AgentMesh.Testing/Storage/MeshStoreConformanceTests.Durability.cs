using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task Append_64ConcurrentCallers_AllSucceedWithUniqueContiguousSeqs()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);

        var sends = Enumerable.Range(0, 64)
            .Select(caller => Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await SendAsync(store, Message(alice, $"c{caller} m{i}"), bob);
                }
            }, Ct))
            .ToList();
        await Task.WhenAll(sends).WaitAsync(Timeout, Ct);

        var events = await AllEventsAsync(store);
        Assert.Equal(2 + 640, events.Count);
        AssertContiguous(events);
        Assert.Equal(640, events.Count(e => e.Type == MeshEventType.MessageQueued));
        Assert.Equal(640, events.Select(e => e.Message?.Id).OfType<string>().Distinct().Count());
        Assert.Equal(events, sink.Events);
        Assert.Equal(640, await store.CountPendingAsync(Ct));
    }

    [Fact]
    public async Task Write_OneFailingAmongConcurrentWrites_FailsAloneAndLeavesNoGap()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var taken = await SendAsync(store, Message(alice, "first"), bob);

        var writes = Enumerable.Range(0, 20)
            .Select(i => i == 10
                ? SendAsync(store, taken.Message with { Body = "same id again" }, bob)
                : SendAsync(store, Message(alice, $"m{i}"), bob))
            .ToList();
        var failed = await Assert.ThrowsAsync<MeshException>(() => writes[10].WaitAsync(Timeout, Ct));

        Assert.Equal(MeshErrorCode.Conflict, failed.Code);
        foreach (var write in writes.Where((_, i) => i != 10))
        {
            Assert.False((await write.WaitAsync(Timeout, Ct)).Duplicate);
        }
        var events = await AllEventsAsync(store);
        AssertContiguous(events);
        Assert.Equal(2 + 1 + 19, events.Count);
        Assert.Equal(events, sink.Events);
        Assert.Equal("first", (await store.GetMessageAsync(Mesh, taken.Message.Id, Ct))?.Message.Body);
    }

    [Fact]
    public async Task Reopen_AfterDispose_FindsEverythingAndContinuesTheSequence()
    {
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        SendResult sent;
        SendResult acked;
        long lastSeq;
        await using (var store = await OpenAsync())
        {
            await store.CreateMeshAsync("team", T0, Ct);
            await SaveAsync(store, alice, bob);
            sent = await store.AppendMessageAsync(Message(alice, "survives a restart"), [bob], "key-1", Ct);
            acked = await SendAsync(store, Message(alice, "acknowledged"), bob);
            await ConsumeAsync(store, bob, T0.AddSeconds(1), limit: 1);
            await store.AckAsync(bob.Id, [acked.Message.Id], T0.AddSeconds(2), Ct);
            lastSeq = await store.LastSeqAsync(Mesh, Ct);
        }

        var sink = new RecordingEventSink();
        await using var reopened = await OpenAsync(sink);
        var detail = await reopened.GetMessageAsync(Mesh, sent.Message.Id, Ct);
        var duplicate = await reopened.AppendMessageAsync(Message(alice, "retry"), [bob], "key-1", Ct);
        await SendAsync(reopened, Message(alice, "after restart"), bob);

        Assert.Equal(["default", "team"], (await reopened.ListMeshesAsync(Ct)).Select(m => m.Name));
        Assert.Equal([alice, bob], (await reopened.ListAgentsAsync(Ct)).OrderBy(a => a.Name));
        Assert.Equal("survives a restart", detail?.Message.Body);
        Assert.Equal((DeliveryState.Delivered, 1), (detail?.Deliveries[0].State, detail?.Deliveries[0].Attempts));
        Assert.Equal(DeliveryState.Acknowledged, (await reopened.GetMessageAsync(Mesh, acked.Message.Id, Ct))?.Deliveries[0].State);
        Assert.True(duplicate.Duplicate);
        Assert.Equal(lastSeq + 1, Assert.Single(sink.Events).Seq);
        AssertContiguous(await AllEventsAsync(reopened));
    }
}
