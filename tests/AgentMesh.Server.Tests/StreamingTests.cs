using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class StreamingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Sse_AgentStream_DeliversBacklogThenLiveWithSeqIds()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        var bob = await broker.RegisterAsync("bob");
        await broker.SendAsync("alice", "bob", "before");

        using var sse = await OpenSseAsync(broker, "/v1/meshes/default/agents/bob/events?after=0");
        var registered = await sse.NextAsync(Ct).WaitAsync(Timeout, Ct);
        var backlog = await sse.NextAsync(Ct).WaitAsync(Timeout, Ct);
        await broker.SendAsync("alice", "bob", "live");
        var live = await sse.NextAsync(Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(MeshEventType.AgentRegistered, registered.Type);
        Assert.Equal("before", backlog.Event.Message?.Body);
        Assert.Equal("live", live.Event.Message?.Body);
        Assert.Equal(MeshEventType.MessageQueued, live.Type);
        Assert.Equal(live.Event.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), live.Id);
        Assert.All([backlog.Event, live.Event], e => Assert.Equal(bob.Id, e.Agent));
    }

    [Fact]
    public async Task Sse_ResumeAcrossBrokerRestart_MissesNothingRepeatsNothing()
    {
        var root = TestBroker.NewRoot();
        var broker = await TestBroker.StartAsync(root: root);
        long lastSeen;
        try
        {
            await broker.RegisterAsync("alice");
            await broker.RegisterAsync("bob");
            await broker.SendAsync("alice", "bob", "one");
            using var sse = await OpenSseAsync(broker, "/v1/meshes/default/events?after=0");
            (string Id, string Type, MeshEvent Event) frame;
            do
            {
                frame = await sse.NextAsync(Ct).WaitAsync(Timeout, Ct);
            }
            while (frame.Event.Message?.Body != "one");
            lastSeen = frame.Event.Seq;
            await broker.RestartAsync();
            await broker.SendAsync("alice", "bob", "two");
            await broker.SendAsync("alice", "bob", "three");

            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/meshes/default/events");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            request.Headers.Add("Last-Event-ID", lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var response = await broker.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            using var resumed = new SseReader(await response.Content.ReadAsStreamAsync(Ct));
            var next = await resumed.NextAsync(Ct).WaitAsync(Timeout, Ct);
            var after = await resumed.NextAsync(Ct).WaitAsync(Timeout, Ct);

            Assert.Equal(lastSeen + 1, next.Event.Seq);
            Assert.Equal("two", next.Event.Message?.Body);
            Assert.Equal("three", after.Event.Message?.Body);
            Assert.Equal(lastSeen + 2, after.Event.Seq);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task WebSocket_MeshStream_PushesEachEventAsAFrame()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + broker.Host.Token);
        var url = new UriBuilder(broker.Host.Url!) { Scheme = "ws", Path = "/v1/meshes/default/events", Query = "after=-1" }.Uri;
        await socket.ConnectAsync(url, Ct).WaitAsync(Timeout, Ct);

        var last = await ReceiveAsync(socket);
        await broker.SendAsync("alice", "bob", "over the socket");
        var pushed = await ReceiveAsync(socket);

        Assert.Equal("bob", last.AgentInfo?.Name);
        Assert.Equal("over the socket", pushed.Message?.Body);
        Assert.Equal(last.Seq + 1, pushed.Seq);
    }

    [Fact]
    public async Task Events_LongPoll_ReturnsWhenSomethingHappens()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        var bob = await broker.RegisterAsync("bob");
        var cursor = (await broker.Http.GetAsync($"/v1/meshes/default/agents/{bob.Id}/events", MeshJsonContext.Default.EventPage)).Cursor;

        var polling = broker.Http.GetAsync($"/v1/meshes/default/agents/bob/events?after={cursor}&wait=30", MeshJsonContext.Default.EventPage);
        await broker.SendAsync("alice", "bob", "ping");
        var page = await polling.WaitAsync(Timeout, Ct);

        Assert.Equal("ping", Assert.Single(page.Events).Message?.Body);
        Assert.Equal(page.Events[0].Seq, page.Cursor);
    }

    [Fact]
    public async Task Events_UnknownAgent_Is404BeforeAnyStream()
    {
        await using var broker = await TestBroker.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/meshes/default/agents/nobody/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await broker.Http.SendAsync(request, Ct);

        await AssertProblemAsync(response, 404, "agent_not_found");
    }

    [Fact]
    public async Task Metrics_AfterTraffic_ReportsCountersAndCommitLatency()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.SendAsync("alice", "bob", "count me");
        await broker.ConsumeAsync("bob");
        await broker.Http.GetStringAsync("/v1/meshes/default/search?q=count", Ct); // waits for the index: no backlog

        var text = await broker.Http.GetStringAsync("/metrics", Ct);

        Assert.Contains("agentmesh_messages_sent_total 1\n", text);
        Assert.Contains("agentmesh_deliveries_total 1\n", text);
        Assert.Contains("agentmesh_queue_depth 1\n", text);
        Assert.Contains("agentmesh_store_commit_seconds_bucket{le=\"+Inf\"}", text);
        Assert.Contains("# TYPE agentmesh_subscribers gauge", text);
        Assert.Contains("agentmesh_index_backlog_messages 0\n", text);
    }

    private static async Task<SseReader> OpenSseAsync(TestBroker broker, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await broker.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(await response.Content.ReadAsStreamAsync(Ct));
    }

    private static async Task<MeshEvent> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, Ct).WaitAsync(Timeout, Ct);
        Assert.True(result.EndOfMessage);
        return JsonSerializer.Deserialize(buffer.AsSpan(0, result.Count), MeshJsonContext.Default.MeshEvent)!; // frames carry events
    }

    [Fact]
    public async Task Events_NegativeCursor_IsTheLastNEvents()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.RegisterAsync("carol");

        var page = await broker.Http.GetAsync("/v1/meshes/default/events?after=-2", MeshJsonContext.Default.EventPage);

        Assert.Equal(["bob", "carol"], page.Events.Select(e => e.AgentInfo?.Name));
    }

    [Fact]
    public async Task Stop_WithOpenStreams_EndsThemAndStopsPromptly()
    {
        var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        using var sse = await OpenSseAsync(broker, "/v1/meshes/default/events?after=0");
        await sse.NextAsync(Ct).WaitAsync(Timeout, Ct);
        var longPoll = broker.ConsumeAsync("alice", wait: 50);

        await broker.DisposeAsync().AsTask().WaitAsync(Timeout, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => sse.NextAsync(Ct).WaitAsync(Timeout, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => longPoll.WaitAsync(Timeout, Ct));
    }
}
