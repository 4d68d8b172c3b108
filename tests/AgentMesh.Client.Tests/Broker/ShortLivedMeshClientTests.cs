using System.Net.Sockets;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Broker;

/// <summary>
/// <see cref="ShortLivedMeshClient"/> (synchronous hand-written HTTP/1.1, hand-decoded answers: what the hooks use)
/// against a real broker, over the unix socket and over TCP with the token: the same answers as <see cref="MeshClient"/>,
/// the same errors, the same "no broker".
/// </summary>
public sealed class ShortLivedMeshClientTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs a synchronous call off the test thread, bounded, so a hang fails the test instead of the run.</summary>
    private static Task<T> Bounded<T>(Func<T> call) => Task.Run(call, Ct).WaitAsync(_bound, Ct);

    public static TheoryData<bool> Transports => [false, true];

    private static MeshClientOptions Options(TestBroker broker, bool tcp) => tcp
        ? new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url, Token = broker.Host.Token }
        : new MeshClientOptions { Home = broker.Home };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Routes_RegisterHeartbeatListPeekConsumeAckUnregister_AnswerAsTheFullClientDoes(bool tcp)
    {
        await using var broker = await TestBroker.StartAsync();
        var client = new ShortLivedMeshClient(Options(broker, tcp));
        using var full = new MeshClient(Options(broker, tcp));

        var bob = await Bounded(() => client.Register(new() { Name = "bob", Kind = AgentKind.ClaudeCode, Cwd = "/home/dev/ünïcode", Pid = 4242, Host = "box", SessionId = "s-1", TranscriptPath = "/t.jsonl" }, Ct));
        await broker.RegisterAsync("alice");
        var body = "hello ✓ " + new string('x', 70_000); // larger than one read, and than one chunk
        var task = await broker.SendAsync("alice", "bob", body);
        var note = await broker.SendAsync("alice", "bob", "fyi", kind: MessageKind.Note);
        var listed = await Bounded(() => client.ListAgents(all: false, Ct));
        var peeked = await Bounded(() => client.PeekInbox("bob", 10, Ct));
        var taken = await Bounded(() => client.Consume("bob", 10, [MessageKind.Task], Ct));
        var acked = await Bounded(() => client.Ack("bob", [task.Message.Id, "m-nothing"], Ct));
        var working = await Bounded(() => client.Heartbeat("bob", AgentStatus.Working, Ct));
        var gone = await Bounded(() => client.Unregister("bob", Ct));

        Assert.Equal(await full.GetAgentAsync("bob", Ct) with { Status = bob.Status, LastSeen = bob.LastSeen }, bob);
        Assert.Equal(("/home/dev/ünïcode", 4242, "s-1", "/t.jsonl"), (bob.Cwd, bob.Pid, bob.SessionId, bob.TranscriptPath));
        Assert.Equal(2, Assert.Single(listed, a => a.Name == "bob").Unread);
        Assert.Equal([task.Message.Id, note.Message.Id], peeked.Select(i => i.Message.Id));
        Assert.Equal(body, peeked[0].Message.Body);
        Assert.Equal(task.Message.Id, Assert.Single(taken).Message.Id); // only the kinds asked for
        Assert.Equal([task.Message.Id], acked.Acknowledged);
        Assert.Equal(["m-nothing"], acked.NotFound);
        Assert.Equal(AgentStatus.Working, working.Status);
        Assert.Equal(AgentStatus.Offline, gone.Status);
        Assert.Equal([note.Message.Id], (await Bounded(() => client.PeekInbox("bob", 10, Ct))).Select(i => i.Message.Id));
    }

    [Fact]
    public async Task PeekInbox_NothingWaiting_Empty()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        var client = new ShortLivedMeshClient(Options(broker, tcp: false));

        Assert.Empty(await Bounded(() => client.PeekInbox("bob", 100, Ct)));
        Assert.Empty(await Bounded(() => client.Consume("bob", 100, kinds: null, Ct)));
    }

    [Fact]
    public async Task Call_UnknownAgent_TheBrokersCodeAndDetail()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        var client = new ShortLivedMeshClient(Options(broker, tcp: false));

        var error = await Assert.ThrowsAsync<MeshException>(() => Bounded(() => client.Heartbeat("bobb", null, Ct)));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Contains("bobb", error.Message);
    }

    [Fact]
    public async Task Call_OverTheRateLimit_RateLimitedWithRetryAfter()
    {
        await using var broker = await TestBroker.StartAsync(o => o with { RateLimitPerSecond = 2 });
        var client = new ShortLivedMeshClient(Options(broker, tcp: true));

        MeshException? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            limited = await Record.ExceptionAsync(() => Bounded(() => client.ListAgents(all: false, Ct))) as MeshException;
        }

        Assert.Equal(MeshErrorCode.RateLimited, limited?.Code);
        Assert.True(limited!.RetryAfterSeconds >= 1); // not null: the line above asserted the code
    }

    [Fact]
    public async Task Call_WrongToken_Unauthorized()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = new ShortLivedMeshClient(new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url, Token = "wrong" });

        var error = await Assert.ThrowsAsync<MeshException>(() => Bounded(() => client.ListAgents(all: true, Ct)));

        Assert.Equal(MeshErrorCode.Unauthorized, error.Code);
    }

    [Fact]
    public async Task Call_NoBroker_BrokerUnavailableSayingWhere()
    {
        using var root = new TempDirectory();
        var home = new MeshHome(root.Path);
        var client = new ShortLivedMeshClient(new MeshClientOptions { Home = home });

        var error = await Assert.ThrowsAsync<MeshException>(() => Bounded(() => client.ListAgents(false, Ct)));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.StartsWith($"No broker answers at {home.SocketPath}.", error.Message);
    }

    [Fact]
    public async Task Call_BrokerConnectsButNeverAnswers_TimesOutNamingTheBroker()
    {
        using var root = new TempDirectory();
        var home = new MeshHome(root.Path);
        using var listener = SilentBroker(home);
        var client = new ShortLivedMeshClient(new MeshClientOptions { Home = home, RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<MeshException>(() => Bounded(() => client.ListAgents(false, Ct)));

        Assert.Equal(MeshErrorCode.Timeout, error.Code);
        Assert.Contains(home.SocketPath, error.Message);
    }

    [Fact]
    public async Task Call_CallerCancelsWhileBrokerIsSilent_Cancelled()
    {
        using var root = new TempDirectory();
        var home = new MeshHome(root.Path);
        using var listener = SilentBroker(home);
        var client = new ShortLivedMeshClient(new MeshClientOptions { Home = home });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(() => client.ListAgents(false, cancel.Token)));
        Assert.False(Ct.IsCancellationRequested);
    }

    /// <summary>A unix socket where connects succeed (the backlog) and nothing ever answers.</summary>
    private static Socket SilentBroker(MeshHome home)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(home.SocketPath));
        listener.Listen();
        return listener;
    }
}
