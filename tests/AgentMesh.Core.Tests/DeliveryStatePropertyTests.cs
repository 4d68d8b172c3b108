using AgentMesh.Core.Broker;
using AgentMesh.Core.Telemetry;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite;
using AgentMesh.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Core.Tests;

/// <summary>
/// Random sequences of send, consume, ack, peek, clock moves and lease sweeps run against a real broker on a
/// real SQLite file, and against a ten-line model of the delivery state machine. After every step, every
/// delivery's state and attempt count must match the model.
/// </summary>
public sealed class DeliveryStatePropertyTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    private const int MaxAttempts = 3;

    private abstract record Step;
    private sealed record Send : Step;
    private sealed record Consume(int Limit) : Step;
    private sealed record Ack(int Index) : Step;
    private sealed record Peek : Step;
    private sealed record Advance(int Minutes) : Step;
    private sealed record Sweep : Step;

    private static Gen<Step> Steps() => Gen.Frequency(
        (4, Gen.Constant<Step>(new Send())),
        (3, Gen.Choose(1, 3).Select(n => (Step)new Consume(n))),
        (2, Gen.Choose(0, 20).Select(i => (Step)new Ack(i))),
        (1, Gen.Constant<Step>(new Peek())),
        (3, Gen.Choose(1, 2).Select(m => (Step)new Advance(m))),
        (2, Gen.Constant<Step>(new Sweep())));

    [Fact]
    public async Task Deliveries_RandomOperations_MatchTheModel()
    {
        var sequences = Steps().ListOf().Select(l => l.ToArray()).Sample(40, 25);
        foreach (var steps in sequences)
        {
            await RunAsync(steps);
        }
    }

    private static async Task RunAsync(Step[] steps)
    {
        using var folder = new TempDirectory();
        var clock = new ManualTimeProvider();
        var metrics = new BrokerMetrics();
        await using var store = new SqliteMeshStore(Path.Combine(folder.Path, "mesh.db"), metrics);
        var broker = new MeshBroker(store, MeshOptions.Default with { LeaseDuration = Lease, MaxDeliveryAttempts = MaxAttempts }, clock, metrics);
        var sweeper = new MaintenanceLoop(broker, clock, new AlwaysAlive());
        var ct = TestContext.Current.CancellationToken;
        await broker.StartAsync(ct);
        await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "alice" }, ct);
        await broker.RegisterAsync("default", new RegisterAgentRequest { Name = "bob" }, ct);
        var model = new List<ModelDelivery>();
        var trace = new List<string>();

        foreach (var step in steps)
        {
            trace.Add(step.ToString());
            var now = clock.GetUtcNow();
            switch (step)
            {
                case Send:
                    var sent = await broker.SendAsync("default", "alice", new SendMessageRequest { To = "bob", Body = $"m{model.Count}" }, ct);
                    model.Add(new ModelDelivery(sent.Message.Id));
                    break;
                case Consume c:
                    var taken = await broker.ConsumeAsync("default", "bob", c.Limit, TimeSpan.Zero, ct);
                    var expected = new List<string>();
                    foreach (var d in model.Where(d => d.IsAvailable(now)))
                    {
                        if (expected.Count == c.Limit)
                        {
                            break;
                        }
                        if (d.Attempts >= MaxAttempts)
                        {
                            d.State = DeliveryState.Dead;
                            continue;
                        }
                        (d.State, d.Attempts, d.LeaseUntil) = (DeliveryState.Delivered, d.Attempts + 1, now + Lease);
                        expected.Add(d.Id);
                    }
                    Assert.True(expected.SequenceEqual(taken.Select(t => t.Message.Id)), Explain(trace, "consume returned the wrong messages"));
                    break;
                case Ack a when model.Count > 0:
                    var target = model[a.Index % model.Count];
                    var acked = await broker.AckAsync("default", "bob", [target.Id], ct);
                    var waiting = target.State is DeliveryState.Queued or DeliveryState.Delivered or DeliveryState.Acknowledged;
                    Assert.True(waiting == acked.Acknowledged.Contains(target.Id), Explain(trace, $"ack of a {target.State} delivery"));
                    if (waiting)
                    {
                        target.State = DeliveryState.Acknowledged;
                    }
                    break;
                case Peek:
                    var peeked = await broker.PeekAsync("default", "bob", 500, ct);
                    var unacked = model.Where(d => d.State is DeliveryState.Queued or DeliveryState.Delivered).Select(d => d.Id);
                    Assert.True(unacked.SequenceEqual(peeked.Select(p => p.Message.Id)), Explain(trace, "peek listed the wrong messages"));
                    break;
                case Advance m:
                    clock.Advance(TimeSpan.FromMinutes(m.Minutes));
                    break;
                case Sweep:
                    await sweeper.SweepOnceAsync(ct);
                    foreach (var d in model.Where(d => d.State == DeliveryState.Delivered && d.LeaseUntil <= now))
                    {
                        d.State = d.Attempts >= MaxAttempts ? DeliveryState.Dead : DeliveryState.Queued;
                    }
                    break;
            }
            foreach (var d in model)
            {
                var actual = Assert.Single((await broker.GetMessageAsync("default", d.Id, ct)).Deliveries);
                Assert.True(d.State == actual.State && d.Attempts == actual.Attempts,
                    Explain(trace, $"{d.Id}: model {d.State}/{d.Attempts}, broker {actual.State}/{actual.Attempts}"));
            }
        }
    }

    private static string Explain(List<string> trace, string what) => $"{what} after: {string.Join(", ", trace)}";

    private sealed class ModelDelivery(string id)
    {
        public string Id { get; } = id;
        public string State { get; set; } = DeliveryState.Queued;
        public int Attempts { get; set; }
        public DateTimeOffset LeaseUntil { get; set; }

        public bool IsAvailable(DateTimeOffset now) =>
            State == DeliveryState.Queued || (State == DeliveryState.Delivered && LeaseUntil <= now);
    }

    private sealed class AlwaysAlive : Presence.IProcessProbe
    {
        public bool IsAlive(int pid) => true;
    }
}
