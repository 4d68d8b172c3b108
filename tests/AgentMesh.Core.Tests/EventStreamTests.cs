using AgentMesh.Core.Broker;
using AgentMesh.Core.Events;
using AgentMesh.Core.Telemetry;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite;
using AgentMesh.Testing;

namespace AgentMesh.Core.Tests;

public sealed class EventStreamTests
{
    [Fact]
    public async Task Follow_SubscriberFallsFarBehind_ResyncsFromTheLogWithoutGaps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var disk = await BrokerOnDisk.StartAsync(ct);
        var (broker, metrics) = (disk.Broker, disk.Metrics);
        await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "alice" }, ct);
        await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "bob" }, ct);
        await using var events = broker.Events.FollowAsync("default", null, 0, ct).GetAsyncEnumerator(ct);
        Assert.True(await events.MoveNextAsync());
        var first = events.Current.Seq;
        var total = EventHub.SubscriberCapacity + 300;

        for (var batch = 0; batch < total; batch += 100)
        {
            await Task.WhenAll(Enumerable.Range(batch, 100).Select(i =>
                broker.SendAsync("default", "alice", new SendMessageRequest { To = "bob", Body = $"m{i}" }, ct)));
        }
        var seen = new List<long> { first };
        while (seen.Count < total + 2)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct));
            seen.Add(events.Current.Seq);
        }

        Assert.Equal(Enumerable.Range((int)first, total + 2).Select(i => (long)i), seen);
        Assert.True(metrics.SubscriberDrops >= 1);
    }

    [Fact]
    public async Task Follow_AgentFilter_SeesOnlyItsOwnEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var disk = await BrokerOnDisk.StartAsync(ct);
        var (broker, metrics) = (disk.Broker, disk.Metrics);
        await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "alice" }, ct);
        var bob = await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "bob" }, ct);
        await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "carol" }, ct);

        await broker.SendAsync("default", "alice", new SendMessageRequest { To = "carol", Body = "not for bob" }, ct);
        await broker.SendAsync("default", "alice", new SendMessageRequest { To = "bob", Body = "for bob" }, ct);
        await using var events = broker.Events.FollowAsync("default", bob.Id, 0, ct).GetAsyncEnumerator(ct);
        var seen = new List<string>();
        while (seen.Count < 2 && await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct))
        {
            seen.Add(events.Current.Message?.Body ?? events.Current.Type);
        }

        Assert.Equal(["agent.registered", "for bob"], seen);
    }

    /// <summary>A broker over a real SQLite file in a temp folder, without HTTP.</summary>
    private sealed class BrokerOnDisk : IAsyncDisposable
    {
        private readonly TempDirectory _folder = new();
        private SqliteMeshStore? _store;

        public MeshBroker Broker { get; private set; } = null!; // set in StartAsync
        public BrokerMetrics Metrics { get; } = new();

        public static async Task<BrokerOnDisk> StartAsync(CancellationToken cancellationToken)
        {
            var disk = new BrokerOnDisk();
            disk._store = new SqliteMeshStore(Path.Combine(disk._folder.Path, "mesh.db"), disk.Metrics);
            disk.Broker = new MeshBroker(disk._store, MeshOptions.Default, TimeProvider.System, disk.Metrics);
            await disk.Broker.StartAsync(cancellationToken);
            return disk;
        }

        public async ValueTask DisposeAsync()
        {
            if (_store is not null)
            {
                await _store.DisposeAsync();
            }
            _folder.Dispose();
        }
    }
}
