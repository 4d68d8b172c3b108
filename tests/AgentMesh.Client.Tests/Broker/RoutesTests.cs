using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Broker;

/// <summary>Every typed method against a real broker, over the unix socket unless a test says TCP.</summary>
public sealed class RoutesTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routes_QuickStartOverTheSocket_EveryRouteAnswers()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });

        Assert.True(await client.IsBrokerAnsweringAsync(Ct));
        var alice = await client.RegisterAsync(new() { Name = "alice", Cwd = "/src/web" }, Ct);
        var bob = await client.RegisterAsync(new() { Name = "bob", Cwd = "/src/api" }, Ct);
        var sent = await client.SendMessageAsync("alice", new() { To = "api", Body = "review PR 12" }, Ct);
        var reply = await client.SendMessageAsync("bob", new() { To = "alice", Body = "on it", InReplyTo = sent.Message.Id, Kind = MessageKind.Note }, Ct);
        var peeked = await client.PeekInboxAsync("bob", 10, Ct);
        var taken = await client.ConsumeAsync("bob", 10, TimeSpan.Zero, Ct);
        var acked = await client.AckAsync("bob", [sent.Message.Id, "nope"], Ct);
        var detail = await client.GetMessageAsync(sent.Message.Id, Ct);
        var thread = await client.GetThreadAsync(reply.Message.Id, Ct);
        var history = await client.HistoryAsync("bob", 10, null, Ct);
        var found = await client.SearchAsync("review", 10, Ct);
        var page = await client.ReadEventsAsync("bob", 0, 100, TimeSpan.Zero, Ct);
        var heartbeat = await client.HeartbeatAsync(bob.Id, "working", Ct);
        var gotten = await client.GetAgentAsync("bob", Ct);
        var status = await client.GetStatusAsync(Ct);
        var meshes = await client.ListMeshesAsync(Ct);
        var created = await client.CreateMeshAsync("team", Ct);
        var gone = await client.UnregisterAsync("alice", Ct);
        var live = await client.ListAgentsAsync(false, Ct);
        var all = await client.ListAgentsAsync(true, Ct);

        Assert.Equal("bob", Assert.Single(sent.Deliveries).RecipientName);
        Assert.Equal(DeliveryState.Queued, Assert.Single(peeked).State);
        Assert.Equal("review PR 12", Assert.Single(taken).Message.Body);
        Assert.Equal([sent.Message.Id], acked.Acknowledged);
        Assert.Equal(["nope"], acked.NotFound);
        Assert.Equal(DeliveryState.Acknowledged, Assert.Single(detail.Deliveries).State);
        Assert.Equal([sent.Message.Id, reply.Message.Id], thread.Select(m => m.Id));
        Assert.Equal([reply.Message.Id, sent.Message.Id], history.Select(m => m.Id));
        Assert.Equal(sent.Message.Id, Assert.Single(found).Id);
        Assert.Contains(page.Events, e => e.Type == MeshEventType.MessageQueued && e.Message?.Id == sent.Message.Id);
        Assert.Equal(page.Events[^1].Seq, page.Cursor);
        Assert.Equal("working", heartbeat.Status);
        Assert.Equal(bob.Id, gotten.Id);
        Assert.Equal(status.Socket, broker.Home.SocketPath);
        Assert.Contains(meshes, m => m.Name == "default");
        Assert.Equal("team", created.Name);
        Assert.Equal("offline", gone.Status);
        Assert.Equal(["bob"], live.Select(a => a.Name));
        Assert.Equal(2, all.Count);
        Assert.Equal(alice.Id, all.Single(a => a.Name == "alice").Id);
    }

    [Fact]
    public async Task Tcp_UrlAndToken_Answers()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url, Token = broker.Host.Token });

        var status = await client.GetStatusAsync(Ct).WaitAsync(_bound, Ct);

        Assert.Equal(broker.Host.Url?.ToString(), status.Url);
    }

    [Fact]
    public async Task Tcp_UrlWithoutToken_ReadsTheHomeToken()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url });

        var agent = await client.RegisterAsync(new() { Name = "alice" }, Ct).WaitAsync(_bound, Ct);

        Assert.Equal("alice", agent.Name);
    }

    [Fact]
    public async Task Tcp_WrongToken_Unauthorized()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url, Token = "mesh_wrong" });

        var error = await Assert.ThrowsAsync<MeshException>(() => client.ListAgentsAsync(false, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.Unauthorized, error.Code);
    }

    [Fact]
    public async Task Send_UnknownAddress_AgentNotFoundListingLiveAgents()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);

        var error = await Assert.ThrowsAsync<MeshException>(() => client.SendMessageAsync("alice", new() { To = "bobb", Body = "hi" }, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Contains("bob", error.Message);
        Assert.Contains(error.Candidates!, c => c.Name == "bob");
    }

    [Fact]
    public async Task Send_AmbiguousFolder_ListsEveryCandidate()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "api-1", Cwd = "/one/api" }, Ct);
        await client.RegisterAsync(new() { Name = "api-2", Cwd = "/two/api" }, Ct);

        var error = await Assert.ThrowsAsync<MeshException>(() => client.SendMessageAsync("alice", new() { To = "api", Body = "hi" }, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.AmbiguousAddress, error.Code);
        Assert.Equal(["api-1", "api-2"], error.Candidates!.Select(c => c.Name).Order());
    }

    [Fact]
    public async Task Send_RepeatedIdempotencyKey_ReturnsTheOriginal()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);

        var first = await client.SendMessageAsync("alice", new() { To = "bob", Body = "once", IdempotencyKey = "k1" }, Ct);
        var second = await client.SendMessageAsync("alice", new() { To = "bob", Body = "once", IdempotencyKey = "k1" }, Ct);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Message.Id, second.Message.Id);
    }

    [Fact]
    public async Task Consume_Waiting_ReturnsAsSoonAsAMessageArrives()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);

        var waiting = client.ConsumeAsync("bob", null, TimeSpan.FromMinutes(5), Ct);
        await client.SendMessageAsync("alice", new() { To = "bob", Body = "wake up" }, Ct);
        var items = await waiting.WaitAsync(_bound, Ct);

        Assert.Equal("wake up", Assert.Single(items).Message.Body);
    }
}
