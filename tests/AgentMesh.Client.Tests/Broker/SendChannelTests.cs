using System.Text.RegularExpressions;
using AgentMesh.Client.Sending;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Client.Tests.Broker;

/// <summary><see cref="MeshSendChannel"/> against a real broker: pipelined sends over the send socket.</summary>
public sealed class SendChannelTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("unix")]
    [InlineData("tcp")]
    public async Task SendChannel_ManyConcurrentSends_EachAcknowledgedAndStored(string transport)
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(transport == "unix"
            ? new MeshClientOptions { Home = broker.Home }
            : new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url, Token = broker.Host.Token });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);
        await using var channel = await client.OpenSendChannelAsync("alice", Ct);

        var sent = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => channel.SendAsync(new SendMessageRequest { To = "bob", Body = $"m{i}" }, Ct))).WaitAsync(_bound, Ct);
        var stored = await client.HistoryAsync("alice", 500, null, Ct);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i}"), sent.Select(s => s.Message.Body));
        Assert.Equal(sent.Select(s => s.Message.Id).Order(), stored.Select(m => m.Id).Order());
        Assert.Equal(0, channel.InFlight);
    }

    [Fact]
    public async Task SendChannel_SendsQueuedTogether_GoOutInBatchesAndAreStoredInCallOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);
        await using var channel = await client.OpenSendChannelAsync("alice", Ct);
        const int count = 300; // more than the broker's 256 unanswered sends per socket, in frames of up to 8 KiB

        // Started one after the other without waiting: each queues its frame at once, so while the channel writes
        // one frame the next ones queue up and go out together.
        var sends = Enumerable.Range(0, count).Select(i => channel.SendAsync(new SendMessageRequest { To = "bob", Body = $"m{i}" }, Ct)).ToList();
        var sent = await Task.WhenAll(sends).WaitAsync(_bound, Ct);
        var stored = await client.HistoryAsync("alice", 500, null, Ct);

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), sent.Select(s => s.Message.Body));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), stored.Reverse().Select(m => m.Body)); // one sender's order holds
        Assert.Equal(0, channel.InFlight);
    }

    [Fact]
    public async Task SendChannel_Refusals_AreTheSameMeshExceptionsAsRestAndTheChannelGoesOn()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        var bob = await client.RegisterAsync(new() { Name = "bob" }, Ct);
        await using var channel = await client.OpenSendChannelAsync("alice", Ct);
        SendMessageRequest[] refused =
        [
            new() { To = "nobody", Body = "hi" },
            new() { To = "bob", Body = "/compact", Kind = MessageKind.Command },
            new() { To = "bob", Body = "hi", Kind = "shout" },
        ];

        foreach (var request in refused)
        {
            var overSocket = await Assert.ThrowsAsync<MeshException>(() => channel.SendAsync(request, Ct));
            var overRest = await Assert.ThrowsAsync<MeshException>(() => client.SendMessageAsync("alice", request, Ct));
            Assert.Equal((overRest.Code, overRest.Message), (overSocket.Code, overSocket.Message));
            Assert.Equal(overRest.Candidates?.Select(c => c.Id), overSocket.Candidates?.Select(c => c.Id));
        }
        var after = await channel.SendAsync(new SendMessageRequest { To = "bob", Body = "still fine" }, Ct);

        Assert.Equal(bob.Id, Assert.Single(after.Deliveries).Recipient);
    }

    [Fact]
    public async Task SendChannel_IdempotencyKey_RepeatIsTheOriginalMarkedDuplicate()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);
        await using var channel = await client.OpenSendChannelAsync("alice", Ct);

        var first = await channel.SendAsync(new SendMessageRequest { To = "bob", Body = "once", IdempotencyKey = "k1" }, Ct);
        var again = await channel.SendAsync(new SendMessageRequest { To = "bob", Body = "once", IdempotencyKey = "k1" }, Ct);

        Assert.Equal((first.Message.Id, false, true), (again.Message.Id, first.Duplicate, again.Duplicate));
    }

    [Fact]
    public async Task SendChannel_AfterDispose_SendFailsWithBrokerUnavailable()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        await client.RegisterAsync(new() { Name = "alice" }, Ct);
        await client.RegisterAsync(new() { Name = "bob" }, Ct);
        var channel = await client.OpenSendChannelAsync("alice", Ct);
        await channel.SendAsync(new SendMessageRequest { To = "bob", Body = "before" }, Ct);

        await channel.DisposeAsync();
        var refused = await Assert.ThrowsAsync<MeshException>(() => channel.SendAsync(new SendMessageRequest { To = "bob", Body = "after" }, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, refused.Code);
    }

    [Fact]
    public async Task OpenSendChannel_UnknownAgent_ThrowsAgentNotFoundListingLiveAgents()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home });
        var bob = await client.RegisterAsync(new() { Name = "bob" }, Ct);

        var refused = await Assert.ThrowsAsync<MeshException>(() => client.OpenSendChannelAsync("nobody", Ct));

        Assert.Equal(MeshErrorCode.AgentNotFound, refused.Code);
        Assert.Contains(refused.Candidates!, c => c.Id == bob.Id);
    }

    [Fact]
    public async Task OpenSendChannel_WrongToken_ThrowsUnauthorized()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home, Url = broker.Host.Url, Token = "wrong" });

        var refused = await Assert.ThrowsAsync<MeshException>(() => client.OpenSendChannelAsync("alice", Ct));

        Assert.Equal(MeshErrorCode.Unauthorized, refused.Code);
    }

    [Fact]
    public async Task SendChannel_ConnectionDrops_EveryPendingSendFailsWithBrokerUnavailable()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await using var proxy = new DroppableProxy(broker.Host.Url!);
        using var client = new MeshClient(new MeshClientOptions { Home = broker.Home, Url = proxy.Url, Token = broker.Host.Token });
        var channel = await client.OpenSendChannelAsync("alice", Ct);
        // Holding SQLite's write lock keeps the sends from committing, so they are all still unanswered when the line drops.
        await using var blocker = new SqliteConnection($"Data Source={broker.Home.DatabasePath}");
        await blocker.OpenAsync(Ct);
        await ExecuteAsync(blocker, "BEGIN IMMEDIATE");

        var pending = Enumerable.Range(0, 10).Select(i => channel.SendAsync(new SendMessageRequest { To = "bob", Body = $"m{i}" }, Ct)).ToList();
        await WaitForBrokerInFlightAsync(broker, 10);
        proxy.Cut();
        var failures = await Task.WhenAll(pending.Select(p => Assert.ThrowsAsync<MeshException>(() => p))).WaitAsync(_bound, Ct);
        var later = await Assert.ThrowsAsync<MeshException>(() => channel.SendAsync(new SendMessageRequest { To = "bob", Body = "late" }, Ct));
        await ExecuteAsync(blocker, "ROLLBACK");
        await channel.DisposeAsync();

        Assert.All(failures, f => Assert.Equal(MeshErrorCode.BrokerUnavailable, f.Code));
        Assert.Equal(MeshErrorCode.BrokerUnavailable, later.Code);
        Assert.Equal(0, channel.InFlight);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task WaitForBrokerInFlightAsync(TestBroker broker, int count)
    {
        var deadline = DateTime.UtcNow + _bound;
        while (true)
        {
            var metrics = await broker.Http.GetStringAsync("/metrics", Ct);
            var inFlight = long.Parse(Regex.Match(metrics, @"^agentmesh_send_socket_in_flight (\d+)$", RegexOptions.Multiline).Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            if (inFlight >= count)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the broker has {inFlight} sends in flight, never {count}");
            await Task.Delay(10, Ct);
        }
    }
}
