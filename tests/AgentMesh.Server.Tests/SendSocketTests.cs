using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;
using Microsoft.Data.Sqlite;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

/// <summary>The send socket: pipelined sends over one WebSocket, each answered once durable (docs/protocol.md).</summary>
public sealed partial class SendSocketTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SendSocket_PipelinedSends_AllAnsweredAndStoredInFrameOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");
        const int count = 200;

        // Every frame goes out before any answer is read: the broker must take them without waiting for commits.
        for (var i = 0; i < count; i++)
        {
            await socket.SendAsync($"r{i}", new SendMessageRequest { To = "bob", Body = $"m{i}", Kind = MessageKind.Note });
        }
        var answers = await socket.ReceiveAsync(count);
        var history = await broker.Http.GetAsync("/v1/meshes/default/messages?agent=alice&limit=500", MeshJsonContext.Default.MessageList);

        Assert.All(answers.Values, a => Assert.Equal(201, a.Status));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), answers.OrderBy(a => int.Parse(a.Key[1..])).Select(a => a.Value.Message!.Message.Body));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), history.Messages.Reverse().Select(m => m.Body));
    }

    [Fact]
    public async Task SendSocket_ClientClosesWithSendsInFlight_EachIsStillAnsweredBeforeTheClose()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");
        for (var i = 0; i < 50; i++)
        {
            await socket.SendAsync($"r{i}", new SendMessageRequest { To = "bob", Body = $"m{i}" });
        }

        await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
        var answers = await socket.ReceiveAsync(50);
        var end = await socket.Socket.ReceiveAsync(new byte[16], Ct).WaitAsync(Bound, Ct);

        Assert.All(answers.Values, a => Assert.Equal(201, a.Status));
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
    }

    [Fact]
    public async Task SendSocket_Answer201_OnlyOnceTheMessageIsStored()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");
        for (var i = 0; i < 20; i++)
        {
            await socket.SendAsync($"r{i}", new SendMessageRequest { To = "bob", Body = $"m{i}" });
        }

        for (var i = 0; i < 20; i++)
        {
            var answer = await socket.ReceiveAsync();
            var stored = await broker.Http.GetAsync($"/v1/meshes/default/messages/{answer.Message!.Message.Id}", Ct);
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }
    }

    [Theory]
    [InlineData("""{"ref":"x","to":"bob","body":""", 400, "invalid_json")]
    [InlineData("""{"ref":"x","to":"bob"}""", 400, "invalid_json")]
    [InlineData("""{"ref":"x","to":"bob","body":"hi","kind":"shout"}""", 400, "invalid_request")]
    [InlineData("""{"ref":"x","to":"nobody","body":"hi"}""", 404, "agent_not_found")]
    [InlineData("""{"ref":"x","to":"api","body":"hi"}""", 409, "ambiguous_address")]
    [InlineData("""{"ref":"x","to":"bob","body":"/compact","kind":"command"}""", 403, "command_not_allowed")]
    [InlineData("""{"ref":"x","from":"bob","to":"bob","body":"hi"}""", 403, "forbidden")]
    public async Task SendSocket_RefusedFrame_AnsweredWithItsProblemAndTheSocketStaysOpen(string frame, int status, string code)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        var bob = await broker.RegisterAsync("bob");
        await broker.RegisterAsync("api-1", cwd: "/work/a/api");
        await broker.RegisterAsync("api-2", cwd: "/work/b/api");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        await socket.SendAsync(frame);
        var refused = await socket.ReceiveAsync();
        await socket.SendAsync("""{"ref":"after","to":"bob","body":"still open"}""");
        var next = await socket.ReceiveAsync();

        Assert.Equal(("x", status, code, status), (refused.Ref, refused.Status, refused.Problem?.Code, refused.Problem?.Status));
        Assert.False(string.IsNullOrWhiteSpace(refused.Problem?.Detail));
        Assert.Null(refused.Message);
        if (code == "agent_not_found")
        {
            Assert.Contains(refused.Problem!.Candidates!, c => c.Id == bob.Id);
        }
        if (code == "ambiguous_address")
        {
            Assert.Equal(2, refused.Problem!.Candidates!.Count);
        }
        Assert.Equal(("after", 201), (next.Ref, next.Status));
    }

    [Fact]
    public async Task SendSocket_FrameWithInvalidUtf8_IsAnsweredAsInvalidJsonAndTheSocketStaysOpen()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        await socket.SendBytesAsync([.. "{\"ref\":\"x\",\"to\":\"bob\",\"body\":\""u8, 0xff, 0xfe, .. "\"}"u8]);
        var refused = await socket.ReceiveAsync();
        await socket.SendAsync("next", new SendMessageRequest { To = "bob", Body = "fine" });
        var next = await socket.ReceiveAsync();

        Assert.Equal(("x", 400, "invalid_json"), (refused.Ref, refused.Status, refused.Problem?.Code));
        Assert.Equal(("next", 201), (next.Ref, next.Status));
    }

    [Fact]
    public async Task SendSocket_FrameOverTheLimit_Is413WithItsRefAndTheSocketStaysOpen()
    {
        await using var broker = await TestBroker.StartAsync(o => o with { MaxRequestBodyBytes = 64 * 1024 });
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        await socket.SendAsync("big", new SendMessageRequest { To = "bob", Body = new string('x', 200 * 1024) });
        var refused = await socket.ReceiveAsync();
        await socket.SendAsync("small", new SendMessageRequest { To = "bob", Body = "fits" });
        var next = await socket.ReceiveAsync();

        Assert.Equal(("big", 413, "body_too_large"), (refused.Ref, refused.Status, refused.Problem?.Code));
        Assert.Equal(("small", 201, "fits"), (next.Ref, next.Status, next.Message?.Message.Body));
    }

    [Fact]
    public async Task SendSocket_OverTheRateLimit_Is429WithRetryAfter()
    {
        await using var broker = await TestBroker.StartAsync(o => o with { RateLimitPerSecond = 2 });
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        for (var i = 0; i < 10; i++)
        {
            await socket.SendAsync($"r{i}", new SendMessageRequest { To = "bob", Body = $"m{i}" });
        }
        var answers = await socket.ReceiveAsync(10);

        var limited = answers.Values.Where(a => a.Status == 429).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.Equal("rate_limited", a.Problem?.Code));
        Assert.All(limited, a => Assert.True(a.RetryAfter >= 1));
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task SendSocket_MissingOrWrongToken_Is401AtTheUpgrade(string? token)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => SendSocketConnection.OpenAsync(broker, "alice", token));

        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task SendSocket_UnknownSender_Is404ProblemInsteadOfAnUpgrade()
    {
        await using var broker = await TestBroker.StartAsync();

        var response = await broker.Http.GetAsync("/v1/meshes/default/agents/nobody/send", Ct);

        await AssertProblemAsync(response, 404, "agent_not_found");
    }

    [Fact]
    public async Task SendSocket_WhileTheWriterIsBlocked_ReadsAtMostTheInFlightLimitThenStopsReading()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");
        const int limit = 256, count = limit + 44;

        // Another connection holds SQLite's write lock, so no send can commit (the writer waits up to its busy timeout).
        await using var blocker = new SqliteConnection($"Data Source={broker.Home.DatabasePath}");
        await blocker.OpenAsync(Ct);
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(Ct);
        }
        for (var i = 0; i < count; i++)
        {
            await socket.SendAsync($"r{i}", new SendMessageRequest { To = "bob", Body = $"m{i}" });
        }
        var (inFlight, stalls) = await WaitForMetricsAsync(broker, m => m.Stalls > 0 && m.InFlight == limit);
        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(Ct);
        }
        var answers = await socket.ReceiveAsync(count);

        Assert.Equal(limit, inFlight); // stalled with 44 frames unread: the bound held
        Assert.True(stalls > 0);
        Assert.All(answers.Values, a => Assert.Equal(201, a.Status));
    }

    private static async Task<(long InFlight, long Stalls)> WaitForMetricsAsync(TestBroker broker, Func<(long InFlight, long Stalls), bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var text = await broker.Http.GetStringAsync("/metrics", Ct);
            var now = (Read(text, "agentmesh_send_socket_in_flight"), Read(text, "agentmesh_send_socket_stalls_total"));
            if (done(now))
            {
                return now;
            }
            Assert.True(DateTime.UtcNow < deadline, $"send socket metrics stayed at in-flight {now.Item1}, stalls {now.Item2}");
            await Task.Delay(10, Ct);
        }
    }

    private static long Read(string metrics, string name) =>
        long.Parse(Regex.Match(metrics, $@"^{name} (\d+)$", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
