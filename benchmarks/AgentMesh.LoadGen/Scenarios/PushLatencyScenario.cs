using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Push;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// Send → push-receive: a subscriber follows the recipient's events (SSE, then WebSocket) while one sender
/// sends one message at a time. Latency runs from just before the POST to the moment the matching
/// <c>message.queued</c> event is parsed. Messages are matched by their unique body, since the event can
/// arrive before the send's own response.
/// </summary>
internal sealed class PushLatencyScenario : IScenario
{
    private const int Warmup = 50;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(5);

    public string Name => "push";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var sender = (await session.AgentsAsync("push-snd", 1, cancellationToken))[0];
        var recipient = (await session.AgentsAsync("push-rcpt", 1, cancellationToken))[0];
        var results = new List<ScenarioResult>();
        foreach (var transport in new[] { "sse", "websocket" })
        {
            var path = $"/v1/meshes/{MeshApi.Mesh}/agents/{recipient}/events?after={await session.Api.LastSeqAsync(cancellationToken)}";
            await using var subscriber = transport == "sse"
                ? await SseSubscriber.ConnectAsync(session.Api.Http, path, cancellationToken)
                : (IPushSubscriber)new WebSocketSubscriber(
                    await MeshConnection.ConnectWebSocketAsync(session.Target, session.Options.Transport, path, cancellationToken));
            results.Add(await MeasureAsync(session, subscriber, sender, recipient, cancellationToken));
        }
        return results;
    }

    private static async Task<ScenarioResult> MeasureAsync(
        LoadSession session, IPushSubscriber subscriber, string sender, string recipient, CancellationToken cancellationToken)
    {
        var pending = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = subscriber.RunAsync(e =>
        {
            var received = Stopwatch.GetTimestamp();
            if (e.Message?.Body is { } body && pending.TryRemove(body, out var waiter))
            {
                waiter.TrySetResult(received);
            }
        }, stop.Token);

        var endToEnd = new LatencyRecorder(session.Options.Sends);
        var acknowledged = new LatencyRecorder(session.Options.Sends);
        long errors = 0, beforeResponse = 0, sent = 0;
        var tag = $"push-{subscriber.Transport}-{Guid.NewGuid():N}";
        for (var i = -Warmup; i < session.Options.Sends; i++)
        {
            var body = MessageBodies.Create(tag, i);
            var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[body] = waiter;
            var t0 = Stopwatch.GetTimestamp();
            var outcome = await session.Api.SendAsync(sender, recipient, body, readId: false, cancellationToken);
            var t1 = Stopwatch.GetTimestamp();
            if (!outcome.Acknowledged)
            {
                pending.TryRemove(body, out _);
                errors++;
                continue;
            }
            sent++;
            long received;
            try
            {
                received = await waiter.Task.WaitAsync(ReceiveTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                pending.TryRemove(body, out _);
                errors++;
                continue;
            }
            if (i < 0)
            {
                continue;
            }
            endToEnd.RecordTicks(received - t0);
            acknowledged.RecordTicks(t1 - t0);
            beforeResponse += received < t1 ? 1 : 0;
        }
        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        session.AddStored(sent);

        var post = acknowledged.Summarize();
        return new ScenarioResult
        {
            Scenario = $"send → push receive ({subscriber.Transport})",
            Count = endToEnd.Count,
            Latency = endToEnd.Summarize(),
            Errors = errors,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"POST→201 p50 {post.P50:0.000} / p99 {post.P99:0.000} ms; event before 201 in {100.0 * beforeResponse / Math.Max(1, endToEnd.Count):N0}% of sends"),
            Values = new() { ["post_p50_ms"] = post.P50, ["post_p99_ms"] = post.P99 },
        };
    }
}
