using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Push;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// Send → push-receive over SSE and over WebSocket, measured in the same period: one recipient is followed
/// over SSE, another over WebSocket, and one sender sends one message at a time, alternating between them,
/// so both transports meet the same broker state (warm-up, WAL checkpoints, other load). Latency runs from
/// just before the POST to the moment the matching <c>message.queued</c> event is parsed. Messages are
/// matched by their unique body, since the event can arrive before the send's own response.
/// </summary>
internal sealed class PushLatencyScenario : IScenario
{
    private const int Warmup = 100;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(5);

    public string Name => "push";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var sender = (await session.AgentsAsync("push-snd", 1, cancellationToken))[0];
        var recipients = await session.AgentsAsync("push-rcpt", 2, cancellationToken);
        var after = await session.Api.LastSeqAsync(cancellationToken);
        await using var sse = await SseSubscriber.ConnectAsync(session.Api.Http, EventsPath(recipients[0], after), cancellationToken);
        await using var webSocket = new WebSocketSubscriber(
            await MeshConnection.ConnectWebSocketAsync(session.Target, session.Options.Transport, EventsPath(recipients[1], after), cancellationToken));
        var lanes = new[] { new Lane(sse, recipients[0], session.Options.Sends), new Lane(webSocket, recipients[1], session.Options.Sends) };

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = lanes.Select(lane => lane.Subscriber.RunAsync(lane.OnQueued, stop.Token)).ToList();
        var tag = $"push-{Guid.NewGuid():N}";
        var steal = StealMeter.Start();
        for (var i = -Warmup; i < session.Options.Sends; i++)
        {
            foreach (var lane in lanes)
            {
                await lane.SendOneAsync(session, sender, MessageBodies.Create($"{tag}-{lane.Subscriber.Transport}", i), measured: i >= 0, cancellationToken);
            }
        }
        var stolen = steal.StopPercent();
        await stop.CancelAsync();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        session.AddStored(lanes.Sum(l => l.Sent));
        return [.. lanes.Select(l => l.Result(stolen))];
    }

    private static string EventsPath(string agent, long after) => $"/v1/meshes/{MeshApi.Mesh}/agents/{agent}/events?after={after}";

    /// <summary>One transport: its subscriber, its recipient, and what was measured through it.</summary>
    private sealed class Lane(IPushSubscriber subscriber, string recipient, int sends)
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _pending = new(StringComparer.Ordinal);
        private readonly LatencyRecorder _endToEnd = new(sends);
        private readonly LatencyRecorder _acknowledged = new(sends);
        private long _errors;
        private long _beforeResponse;

        public IPushSubscriber Subscriber => subscriber;
        public long Sent { get; private set; }

        public void OnQueued(AgentMesh.Protocol.Events.MeshEvent e)
        {
            var received = Stopwatch.GetTimestamp();
            if (e.Message?.Body is { } body && _pending.TryRemove(body, out var waiter))
            {
                waiter.TrySetResult(received);
            }
        }

        public async Task SendOneAsync(LoadSession session, string sender, string body, bool measured, CancellationToken cancellationToken)
        {
            var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[body] = waiter;
            var t0 = Stopwatch.GetTimestamp();
            var outcome = await session.Api.SendAsync(sender, recipient, body, readId: false, cancellationToken);
            var t1 = Stopwatch.GetTimestamp();
            if (!outcome.Acknowledged)
            {
                _pending.TryRemove(body, out _);
                _errors++;
                return;
            }
            Sent++;
            long received;
            try
            {
                received = await waiter.Task.WaitAsync(ReceiveTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                _pending.TryRemove(body, out _);
                _errors++;
                return;
            }
            if (measured)
            {
                _endToEnd.RecordTicks(received - t0);
                _acknowledged.RecordTicks(t1 - t0);
                _beforeResponse += received < t1 ? 1 : 0;
            }
        }

        public ScenarioResult Result(double stealPercent)
        {
            var post = _acknowledged.Summarize();
            return new ScenarioResult
            {
                Scenario = $"send → push receive ({subscriber.Transport})",
                Count = _endToEnd.Count,
                Latency = _endToEnd.Summarize(),
                Errors = _errors,
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"POST→201 p50 {post.P50:0.000} / p99 {post.P99:0.000} ms; event before 201 in {100.0 * _beforeResponse / Math.Max(1, _endToEnd.Count):N0}% of sends; host steal {stealPercent:0.0}%; sends alternate with the other transport's"),
                Values = new() { ["post_p50_ms"] = post.P50, ["post_p99_ms"] = post.P99, ["steal_percent"] = stealPercent },
            };
        }
    }
}
