using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Push;
using AgentMesh.LoadGen.Reporting;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// One post to a 50-member free-form room, one at a time: latency from just before the POST until the push
/// stream of the mesh has carried the post's <c>message.queued</c> event for all 49 other members.
/// </summary>
internal sealed class RoomFanoutScenario : IScenario
{
    private const int Members = 50;
    private const int Posts = 300;
    private const int Warmup = 20;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    public string Name => "room";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var members = await session.AgentsAsync("room", Members, cancellationToken);
        var room = $"lg-room-{Guid.NewGuid():N}"[..20];
        var created = await session.Api.Http.PostAsJsonAsync($"/v1/meshes/{MeshApi.Mesh}/rooms",
            new CreateRoomRequest { Name = room, Mode = RoomMode.FreeForm, Members = members }, MeshJsonContext.Default.CreateRoomRequest, cancellationToken);
        created.EnsureSuccessStatusCode();

        var path = $"/v1/meshes/{MeshApi.Mesh}/events?after={await session.Api.LastSeqAsync(cancellationToken)}";
        await using var subscriber = await SseSubscriber.ConnectAsync(session.Api.Http, path, cancellationToken);
        var pending = new ConcurrentDictionary<string, Fanout>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = subscriber.RunAsync(e =>
        {
            if (e.Message?.Body is { } body && pending.TryGetValue(body, out var fanout))
            {
                fanout.Received(Stopwatch.GetTimestamp());
            }
        }, stop.Token);

        var all = new LatencyRecorder(Posts);
        var first = new LatencyRecorder(Posts);
        var acknowledged = new LatencyRecorder(Posts);
        long errors = 0;
        var poster = members[0];
        for (var i = -Warmup; i < Posts; i++)
        {
            var body = MessageBodies.Create(room, i);
            var fanout = new Fanout(Members - 1);
            pending[body] = fanout;
            var t0 = Stopwatch.GetTimestamp();
            using var response = await session.Api.Http.PostAsJsonAsync($"/v1/meshes/{MeshApi.Mesh}/agents/{poster}/rooms/{room}/messages",
                new RoomPostRequest { Body = body, Kind = "note" }, MeshJsonContext.Default.RoomPostRequest, cancellationToken);
            var t1 = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                errors++;
                continue;
            }
            try
            {
                await fanout.Complete.WaitAsync(ReceiveTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                errors++;
                continue;
            }
            finally
            {
                pending.TryRemove(body, out _);
            }
            if (i >= 0)
            {
                all.RecordTicks(fanout.Last - t0);
                first.RecordTicks(fanout.First - t0);
                acknowledged.RecordTicks(t1 - t0);
            }
        }
        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        session.AddStored(Posts + Warmup);

        var firstSummary = first.Summarize();
        var post = acknowledged.Summarize();
        return
        [
            new ScenarioResult
            {
                Scenario = $"room post → all {Members - 1} members pushed ({Members}-member room, SSE)",
                Count = all.Count,
                Latency = all.Summarize(),
                Errors = errors,
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"first member p50 {firstSummary.P50:0.000} / p99 {firstSummary.P99:0.000} ms; POST→201 p50 {post.P50:0.000} / p99 {post.P99:0.000} ms"),
                Values = new() { ["first_p50_ms"] = firstSummary.P50, ["post_p50_ms"] = post.P50, ["post_p99_ms"] = post.P99 },
            },
        ];
    }

    /// <summary>Counts one post's deliveries as their events arrive.</summary>
    private sealed class Fanout(int expected)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _received;

        public long First { get; private set; }
        public long Last { get; private set; }
        public Task Complete => _complete.Task;

        public void Received(long timestamp)
        {
            var count = Interlocked.Increment(ref _received);
            if (count == 1)
            {
                First = timestamp;
            }
            if (count == expected)
            {
                Last = timestamp;
                _complete.TrySetResult();
            }
        }
    }
}
