using System.Net;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests;

/// <summary>The client's own logic (long-poll slicing, reconnects, error mapping) against a scripted network.</summary>
public sealed class MeshClientTransportTests
{
    private const string Empty = """{"messages":[]}""";
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Consume_WaitBeyondTheServerCap_PollsInSlicesUntilTheDeadline()
    {
        var clock = new ManualTimeProvider();
        var network = new FakeBrokerHandler()
            .Then(_ =>
            {
                clock.Advance(TimeSpan.FromSeconds(55));
                return Json(Empty);
            })
            .ThenJson(Empty);
        using var client = Client(network, clock);

        var items = await client.ConsumeAsync("bob", null, TimeSpan.FromSeconds(70), Ct).WaitAsync(_bound, Ct);

        Assert.Empty(items);
        Assert.Equal(["wait=55", "wait=15"], network.Requests.Select(r => r.RequestUri!.Query.TrimStart('?')));
    }

    [Fact]
    public async Task Consume_MessageArrivesInALaterSlice_ReturnsIt()
    {
        var network = new FakeBrokerHandler().ThenJson(Empty).ThenJson(Empty).ThenJson("""
            {"messages":[{"message":{"id":"m1","mesh":"default","from":"a1","from_name":"alice","to":"bob","kind":"task",
              "body":"hi","thread_id":"m1","created_at":"2026-01-01T12:00:00Z"},"state":"delivered","attempts":1}]}
            """);
        using var client = Client(network, new ManualTimeProvider());

        var items = await client.ConsumeAsync("bob", 10, TimeSpan.FromMinutes(10), Ct).WaitAsync(_bound, Ct);

        Assert.Equal("hi", Assert.Single(items).Message.Body);
        Assert.Equal(3, network.Requests.Count);
        Assert.All(network.Requests, r => Assert.Equal("/v1/meshes/default/agents/bob/inbox/consume?limit=10&wait=55", r.RequestUri!.PathAndQuery));
    }

    [Fact]
    public async Task Call_ProblemAnswer_ThrowsTheBrokersCodeAndMessage()
    {
        var network = new FakeBrokerHandler().ThenJson("""
            {"status":404,"code":"agent_not_found","detail":"No agent 'bobb' in mesh 'default'. Live agents: bob.",
             "candidates":[{"id":"b0b0b0b0","name":"bob","status":"online"}]}
            """, HttpStatusCode.NotFound, "application/problem+json");
        using var client = Client(network);

        var error = await Assert.ThrowsAsync<MeshException>(() => client.GetAgentAsync("bobb", Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Equal("No agent 'bobb' in mesh 'default'. Live agents: bob.", error.Message);
        Assert.Equal("b0b0b0b0", Assert.Single(error.Candidates!).Id);
    }

    [Fact]
    public async Task Call_AnswerThisClientCannotRead_SaysSoAndSuggestsAVersionMismatch()
    {
        using var client = Client(new FakeBrokerHandler().ThenJson("""{"agents":"not a list"}"""));

        var error = await Assert.ThrowsAsync<MeshException>(() => client.ListAgentsAsync(false, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.InternalError, error.Code);
        Assert.Contains("same version", error.Message);
    }

    [Fact]
    public async Task Call_BrokerUnreachable_BrokerUnavailableNamingWhereItLooked()
    {
        using var client = Client(new FakeBrokerHandler().ThenUnreachable());

        var error = await Assert.ThrowsAsync<MeshException>(() => client.ListAgentsAsync(false, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.Contains("/nowhere/mesh.sock", error.Message);
        Assert.Contains("mesh server", error.Message);
    }

    [Fact]
    public async Task Call_BrokerTooSlow_TimeoutNamingTheBroker()
    {
        using var client = new MeshClient(new MeshClientOptions { Home = new MeshHome("/nowhere"), RequestTimeout = TimeSpan.FromMilliseconds(50) },
            _ => new FakeBrokerHandler());

        var error = await Assert.ThrowsAsync<MeshException>(() => client.GetStatusAsync(Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.Timeout, error.Code);
        Assert.Contains("did not answer", error.Message);
    }

    [Fact]
    public async Task Follow_StreamEndsAndComesBack_ResumesAfterTheLastSeqWithoutDuplicates()
    {
        var network = new FakeBrokerHandler()
            .ThenSse(FakeBrokerHandler.Event(4) + FakeBrokerHandler.Event(5))
            .ThenSse(FakeBrokerHandler.Event(5) + FakeBrokerHandler.Event(6));
        using var client = Client(network);

        var seen = await TakeAsync(client.FollowAsync(null, 3, FastRetry(), Ct), 3);

        Assert.Equal([4L, 5L, 6L], seen.Select(e => e.Seq));
        var requests = network.Requests.ToArray();
        Assert.Equal("?after=3", requests[0].RequestUri!.Query);
        Assert.Equal("?after=5", requests[1].RequestUri!.Query);
        Assert.Equal(["5"], requests[1].Headers.GetValues("Last-Event-ID"));
        Assert.Equal(["text/event-stream"], requests[1].Headers.Accept.Select(a => a.MediaType));
    }

    [Fact]
    public async Task Follow_BrokerAway_RetriesWithGrowingBackoffThenResumes()
    {
        var network = new FakeBrokerHandler().ThenUnreachable().ThenUnreachable().ThenUnreachable().ThenSse(FakeBrokerHandler.Event(1));
        var delays = new List<TimeSpan>();
        using var client = Client(network);

        var seen = await TakeAsync(client.FollowAsync("bob", 0, FastRetry() with { Reconnecting = (_, delay) => delays.Add(delay) }, Ct), 1);

        Assert.Equal(1, Assert.Single(seen).Seq);
        Assert.Equal([1, 2, 4], delays.Select(d => (int)d.TotalMilliseconds));
        Assert.All(network.Requests, r => Assert.Equal("/v1/meshes/default/agents/bob/events", r.RequestUri!.AbsolutePath));
    }

    [Fact]
    public async Task Follow_UnknownAgent_EndsWithTheErrorInsteadOfRetrying()
    {
        var network = new FakeBrokerHandler().ThenJson("""{"code":"agent_not_found","detail":"No agent 'ghost'."}""", HttpStatusCode.NotFound, "application/problem+json");
        using var client = Client(network);

        var error = await Assert.ThrowsAsync<MeshException>(() => TakeAsync(client.FollowAsync("ghost", 0, FastRetry(), Ct), 1));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Single(network.Requests);
    }

    private static FollowOptions FastRetry() => new() { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(4) };

    private static MeshClient Client(FakeBrokerHandler network, TimeProvider? time = null) =>
        new(new MeshClientOptions { Home = new MeshHome("/nowhere"), Time = time ?? TimeProvider.System }, _ => network);

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
    };

    private static async Task<List<MeshEvent>> TakeAsync(IAsyncEnumerable<MeshEvent> events, int count)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(_bound);
        var seen = new List<MeshEvent>();
        await foreach (var e in events.WithCancellation(bounded.Token))
        {
            seen.Add(e);
            if (seen.Count == count)
            {
                break;
            }
        }
        return seen;
    }
}
