using System.Net;
using System.Net.Http.Headers;
using AgentMesh.Testing;
using static AgentMesh.Mcp.Tests.MeshFixtures;

namespace AgentMesh.Mcp.Tests;

/// <summary><c>/mcp</c> on a real broker, driven by the SDK's Streamable HTTP client.</summary>
public sealed class HttpEndpointTests
{
    [Fact]
    public async Task ListTools_GivesTheSameToolSet()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var mcp = await McpConnection.HttpAsync(broker, agent: null);

        using var timeout = new CancellationTokenSource(McpConnection.Timeout);
        var tools = await mcp.Client.ListToolsAsync(cancellationToken: timeout.Token);

        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoAgents_ExchangeATask_OverHttp()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await using var alice = await McpConnection.HttpAsync(broker, "alice");
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        Assert.StartsWith("You are alice (id ", await alice.CallOkAsync("whoami"));
        await alice.CallOkAsync("send", Args(("to", "bob"), ("body", "run the tests"), ("kind", "task")));
        var taken = await bob.CallOkAsync("wait", Args(("timeout_seconds", 5)));
        Assert.Contains(">run the tests</mesh-message>", taken);
        var id = FirstMessageId(taken);
        Assert.Contains($"Acknowledged {id}.", await bob.CallOkAsync("ack", Args(("ids", new[] { id }))));

        var detail = await broker.Host.Broker.GetMessageAsync("default", id, CancellationToken.None);
        Assert.Equal("acknowledged", Assert.Single(detail.Deliveries).State);
    }

    [Fact]
    public async Task StdioAndHttpAgents_TalkToEachOther()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        await using var alice = await McpConnection.StdioAsync(broker, "alice");
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        await alice.CallOkAsync("send", Args(("to", "bob"), ("body", "from stdio")));
        var taken = await bob.CallOkAsync("wait", Args(("timeout_seconds", 5)));
        Assert.Contains("<mesh-message from=\"alice (", taken);
        await bob.CallOkAsync("send", Args(("to", "alice"), ("body", "from http"), ("reply_to", FirstMessageId(taken))));

        Assert.Contains(">from http</mesh-message>", await alice.CallOkAsync("wait", Args(("timeout_seconds", 5))));
    }

    [Fact]
    public async Task Wait_SendsProgressOnThePostStream_ThenReturnsTheMessage()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await using var bob = await McpConnection.HttpAsync(broker, "bob");
        var progress = new RecordingProgress();

        var waiting = bob.CallAsync("wait", Args(("timeout_seconds", 50)), progress);
        var first = await progress.First.WaitAsync(McpConnection.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(50, first.Total);
        await broker.Host.Broker.SendAsync("default", "alice", new() { To = "bob", Body = "over http" }, CancellationToken.None);

        var result = await waiting;
        Assert.False(result.IsError, result.Text);
        Assert.Contains(">over http</mesh-message>", result.Text);
    }

    [Fact]
    public async Task Wait_TimesOut()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        Assert.Contains("No message arrived within 1 s", await bob.CallOkAsync("wait", Args(("timeout_seconds", 1))));
    }

    [Fact]
    public async Task NoAgentHeader_ToolsThatActNeedOne_OthersWork()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        await using var anonymous = await McpConnection.HttpAsync(broker, agent: null);

        var whoami = await anonymous.CallAsync("whoami");
        Assert.True(whoami.IsError);
        Assert.Contains("X-Mesh-Agent", whoami.Text);
        Assert.Contains("bob: id ", await anonymous.CallOkAsync("agents"));
    }

    [Fact]
    public async Task UnknownAgentHeader_IsAToolError()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var ghost = await McpConnection.HttpAsync(broker, "ghost");

        var result = await ghost.CallAsync("inbox");

        Assert.True(result.IsError);
        Assert.Contains("agent_not_found", result.Text);
    }

    [Fact]
    public async Task WithoutToken_IsRefused_AndGetIsNotAllowed()
    {
        await using var broker = await TestBroker.StartAsync();
        using var http = new HttpClient { BaseAddress = broker.Host.Url, Timeout = McpConnection.Timeout };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        post.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var refused = await http.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var get = await broker.Http.GetAsync("/mcp", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task OverTheUnixSocket_NoTokenIsNeeded()
    {
        await using var broker = await TestBroker.StartAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        post.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await broker.Socket.SendAsync(post, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"whoami\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    public async Task Handshake_OlderAndNewerClients_Work(string? protocolVersion)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await using var alice = await McpConnection.HttpAsync(broker, "alice", protocolVersion: protocolVersion);

        Assert.StartsWith("You are alice", await alice.CallOkAsync("whoami"));
    }
}
