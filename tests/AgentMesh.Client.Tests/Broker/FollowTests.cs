using System.Threading.Channels;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol.Events;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Broker;

/// <summary>The push stream against a real broker, including one that goes away and comes back.</summary>
public sealed class FollowTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);
    private static readonly FollowOptions _fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follow_BrokerRestarts_LaterEventsArriveExactlyOnceInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        using var sender = new MeshClient(new MeshClientOptions { Home = broker.Home });
        using var follower = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await sender.RegisterAsync(new() { Name = "alice" }, Ct);
        await sender.RegisterAsync(new() { Name = "bob" }, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reconnects = 0;
        var seen = Channel.CreateUnbounded<MeshEvent>();
        var following = PumpAsync(follower.FollowAsync(null, 0, _fast with { Reconnecting = (_, _) => Interlocked.Increment(ref reconnects) }, stop.Token), seen.Writer);

        var before = await sender.SendMessageAsync("alice", new() { To = "bob", Body = "before" }, Ct);
        var head = await ReadUntilAsync(seen.Reader, e => e.Message?.Id == before.Message.Id);
        // Generous: the broker's graceful stop currently waits out Kestrel's shutdown timeout (30 s) for open SSE streams.
        await broker.RestartAsync().WaitAsync(TimeSpan.FromSeconds(90), Ct);
        var during = await sender.SendMessageAsync("alice", new() { To = "bob", Body = "while the follower reconnects" }, Ct);
        var after = await sender.SendMessageAsync("alice", new() { To = "bob", Body = "after" }, Ct);
        var tail = await ReadUntilAsync(seen.Reader, e => e.Message?.Id == after.Message.Id);
        stop.Cancel();
        await following;

        var log = await sender.ReadEventsAsync(null, 0, 500, TimeSpan.Zero, Ct);
        List<MeshEvent> followed = [.. head, .. tail];
        Assert.True(reconnects >= 1);
        Assert.Equal(log.Events.Select(e => e.Seq).Where(seq => seq <= followed[^1].Seq), followed.Select(e => e.Seq));
        Assert.Contains(tail, e => e.Message?.Id == during.Message.Id);
    }

    [Fact]
    public async Task Follow_OneAgent_SeesOnlyEventsAboutIt()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        var bob = await client.RegisterAsync(new() { Name = "bob" }, Ct);
        await client.RegisterAsync(new() { Name = "carol" }, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = Channel.CreateUnbounded<MeshEvent>();
        var cursor = await client.GetEventCursorAsync("bob", Ct);
        var following = PumpAsync(client.FollowAsync("bob", cursor, _fast, stop.Token), seen.Writer);

        await client.SendMessageAsync("alice", new() { To = "carol", Body = "not for bob" }, Ct);
        var forBob = await client.SendMessageAsync("alice", new() { To = "bob", Body = "for bob" }, Ct);
        var events = await ReadUntilAsync(seen.Reader, e => e.Message?.Id == forBob.Message.Id);
        stop.Cancel();
        await following;

        Assert.All(events, e => Assert.Equal(bob.Id, e.Agent));
        Assert.Equal(MeshEventType.MessageQueued, Assert.Single(events).Type);
    }

    private static async Task PumpAsync(IAsyncEnumerable<MeshEvent> events, ChannelWriter<MeshEvent> into)
    {
        try
        {
            await foreach (var e in events)
            {
                await into.WriteAsync(e);
            }
        }
        catch (OperationCanceledException)
        {
            // the test is done listening
        }
        finally
        {
            into.TryComplete();
        }
    }

    private static async Task<List<MeshEvent>> ReadUntilAsync(ChannelReader<MeshEvent> reader, Func<MeshEvent, bool> last)
    {
        var events = new List<MeshEvent>();
        while (true)
        {
            var next = await reader.ReadAsync(Ct).AsTask().WaitAsync(_bound, Ct);
            events.Add(next);
            if (last(next))
            {
                return events;
            }
        }
    }
}
