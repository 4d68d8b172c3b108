using System.Net.Sockets;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Broker;

/// <summary>
/// A <see cref="MeshClientOptions.ShortLived"/> client (hand-written HTTP/1.1 on the unix socket, what the hooks
/// use) against a real broker: the same answers, the same errors, the same "no broker" as the pooled client.
/// </summary>
public sealed class ShortLivedClientTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MeshClient Client(MeshHome home) => new(new MeshClientOptions { Home = home, ShortLived = true });

    [Fact]
    public async Task Requests_RegisterSendPeekConsumeAck_WorkAsWithThePooledClient()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = Client(broker.Home);

        var alice = await client.RegisterAsync(new() { Name = "alice", Cwd = "/home/dev/ünïcode" }, Ct).WaitAsync(_bound, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct).WaitAsync(_bound, Ct);
        var body = "hello ✓ " + new string('x', 70_000); // larger than one read, and than one chunk
        var sent = await client.SendMessageAsync("alice", new() { To = "bob", Body = body }, Ct).WaitAsync(_bound, Ct);
        var peeked = await client.PeekInboxAsync("bob", 10, Ct).WaitAsync(_bound, Ct);
        var taken = await client.ConsumeAsync("bob", 10, TimeSpan.Zero, Ct).WaitAsync(_bound, Ct);
        await client.AckAsync("bob", [sent.Message.Id], Ct).WaitAsync(_bound, Ct);

        Assert.Equal("/home/dev/ünïcode", alice.Cwd);
        Assert.Equal(body, Assert.Single(peeked).Message.Body);
        Assert.Equal(sent.Message.Id, Assert.Single(taken).Message.Id);
        Assert.Empty(await client.PeekInboxAsync("bob", 10, Ct).WaitAsync(_bound, Ct));
        Assert.Equal(AgentStatus.Idle, (await client.HeartbeatAsync("bob", AgentStatus.Idle, Ct).WaitAsync(_bound, Ct)).Status);
    }

    [Fact]
    public async Task Request_ProblemAnswer_ThrowsTheBrokersCodeAndCandidates()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        using var client = Client(broker.Home);

        var error = await Assert.ThrowsAsync<MeshException>(() => client.HeartbeatAsync("bobb", null, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Contains("bobb", error.Message);
    }

    [Fact]
    public async Task Request_NoBroker_BrokerUnavailableSayingWhere()
    {
        using var root = new TempDirectory();
        var home = new MeshHome(root.Path);
        using var client = Client(home);

        var error = await Assert.ThrowsAsync<MeshException>(() => client.ListAgentsAsync(false, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.StartsWith($"No broker answers at {home.SocketPath}.", error.Message);
    }

    [Fact]
    public async Task Request_BrokerConnectsButNeverAnswers_TimesOutNamingTheBroker()
    {
        // The handler's I/O is synchronous; the request timeout has to end it by closing the socket.
        using var root = new TempDirectory();
        var home = new MeshHome(root.Path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(home.SocketPath));
        listener.Listen(); // connects succeed (backlog) and nothing ever answers
        using var client = new MeshClient(new MeshClientOptions { Home = home, ShortLived = true, RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<MeshException>(() => Task.Run(() => client.ListAgentsAsync(false, Ct), Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.Timeout, error.Code);
        Assert.Contains(home.SocketPath, error.Message);
    }

    [Fact]
    public async Task Request_CallerCancelsWhileBrokerIsSilent_Cancelled()
    {
        using var root = new TempDirectory();
        var home = new MeshHome(root.Path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(home.SocketPath));
        listener.Listen();
        using var client = Client(home);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => client.ListAgentsAsync(false, cancel.Token), Ct).WaitAsync(_bound, Ct));
        Assert.False(Ct.IsCancellationRequested);
    }
}
