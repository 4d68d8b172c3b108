using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Testing;
using static AgentMesh.Mcp.Tests.MeshFixtures;

namespace AgentMesh.Mcp.Tests;

/// <summary><c>mesh mcp</c> as a real process, driven by the SDK's MCP client over stdio, against a real broker.</summary>
public sealed class StdioServerTests
{
    [Fact]
    public async Task ListTools_GivesTheToolSet_EveryToolAndParameterDescribed()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var alice = await McpConnection.StdioAsync(broker, "alice");

        using var timeout = new CancellationTokenSource(McpConnection.Timeout);
        var tools = await alice.Client.ListToolsAsync(cancellationToken: timeout.Token);

        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            if (tool.JsonSchema.TryGetProperty("properties", out var properties))
            {
                foreach (var parameter in properties.EnumerateObject())
                {
                    Assert.True(parameter.Value.TryGetProperty("description", out _), $"{tool.Name}.{parameter.Name} has no description");
                }
            }
        }
        Assert.Contains("wait", alice.Client.ServerInstructions ?? "");
        Assert.Equal("agentmesh", alice.Client.ServerInfo?.Name);
    }

    [Fact]
    public async Task Start_RegistersTheAgent_AndExit_MarksItOffline()
    {
        await using var broker = await TestBroker.StartAsync();
        var alice = await McpConnection.StdioAsync(broker, "alice", extraArguments: ["--kind", "codex"]);
        await using (alice)
        {
            var whoami = await alice.CallOkAsync("whoami");
            Assert.StartsWith("You are alice (id ", whoami);

            var registered = broker.Host.Broker.RequireAgent("default", "alice");
            Assert.Equal(AgentStatus.Online, registered.Status);
            Assert.Equal(AgentKind.Codex, registered.Kind);
            Assert.Equal(Environment.ProcessId, registered.Pid); // the MCP client's pid: the agent lives as long as it does
        }

        var offline = await EventAsync(broker, e => e.Type == MeshEventType.AgentOffline);
        Assert.Equal("alice", offline.AgentInfo?.Name);
    }

    [Fact]
    public async Task NoName_RegistersTheFolderName()
    {
        await using var broker = await TestBroker.StartAsync();
        var folder = Path.Combine(broker.Root, "My Project!");
        Directory.CreateDirectory(folder);
        await using var agent = await McpConnection.StdioAsync(broker, null, workingDirectory: folder);

        Assert.StartsWith("You are my-project (id ", await agent.CallOkAsync("whoami"));
    }

    [Fact]
    public async Task TwoAgents_ExchangeATask_AndTheReply()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var alice = await McpConnection.StdioAsync(broker, "alice");
        await using var bob = await McpConnection.StdioAsync(broker, "bob");

        var sent = await alice.CallOkAsync("send", Args(("to", "bob"), ("body", "Please review PR 7"), ("kind", "task")));
        Assert.Contains("to bob", sent);

        var peeked = await bob.CallOkAsync("inbox");
        Assert.Contains("Please review PR 7", peeked);

        var taken = await bob.CallOkAsync("wait", Args(("timeout_seconds", 5)));
        Assert.Contains("<mesh-message from=\"alice (", taken);
        Assert.Contains("kind=\"task\"", taken);
        Assert.Contains(">Please review PR 7</mesh-message>", taken);
        var id = FirstMessageId(taken);

        Assert.Contains("No unread messages; 1 taken", await bob.CallOkAsync("inbox"));
        Assert.Contains(id, await bob.CallOkAsync("inbox", Args(("include_read", true))));

        var reply = await bob.CallOkAsync("send", Args(("to", "alice"), ("body", "LGTM"), ("reply_to", id)));
        Assert.Contains("to alice", reply);
        Assert.Contains($"Acknowledged {id}.", await bob.CallOkAsync("ack", Args(("ids", new[] { id }))));
        Assert.Contains("Your inbox is empty", await bob.CallOkAsync("inbox", Args(("include_read", true))));

        var answer = await alice.CallOkAsync("wait", Args(("timeout_seconds", 5)));
        Assert.Contains($"reply_to=\"{id}\"", answer);
        Assert.Contains(">LGTM</mesh-message>", answer);

        var thread = await alice.CallOkAsync("read", Args(("id", id)));
        Assert.Contains("2 message(s)", thread);
        Assert.Contains("bob (acknowledged)", thread);

        Assert.Contains("Please review PR 7", await alice.CallOkAsync("history", Args(("agent", "bob"))));
        Assert.Contains("LGTM", await alice.CallOkAsync("search", Args(("query", "LGTM"))));
        var agents = await alice.CallOkAsync("agents");
        Assert.Contains("alice (you): id ", agents);
        Assert.Contains("bob: id ", agents);
    }

    [Fact]
    public async Task Wait_SendsProgress_ThenReturnsTheMessageThatArrives()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var alice = await McpConnection.StdioAsync(broker, "alice");
        await using var bob = await McpConnection.StdioAsync(broker, "bob");
        var progress = new RecordingProgress();

        var waiting = bob.CallAsync("wait", Args(("timeout_seconds", 50)), progress);
        var first = await progress.First.WaitAsync(McpConnection.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(50, first.Total);
        Assert.InRange(first.Progress, 9, 50);
        await alice.CallOkAsync("send", Args(("to", "bob"), ("body", "wake up")));

        var result = await waiting;
        Assert.False(result.IsError, result.Text);
        Assert.Contains(">wake up</mesh-message>", result.Text);
    }

    [Fact]
    public async Task Wait_WithNothingToTake_TimesOutWithAdvice()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var bob = await McpConnection.StdioAsync(broker, "bob");

        var result = await bob.CallOkAsync("wait", Args(("timeout_seconds", 1)));

        Assert.Contains("No message arrived within 1 s", result);
    }

    [Fact]
    public async Task Errors_AreToolErrors_ThatSayWhatToDo()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("api-one", cwd: "/srv/one/api");
        await broker.RegisterAsync("api-two", cwd: "/srv/two/api");
        await using var alice = await McpConnection.StdioAsync(broker, "alice");

        var unknown = await alice.CallAsync("send", Args(("to", "nobody"), ("body", "hi")));
        Assert.True(unknown.IsError);
        Assert.Contains("agent_not_found", unknown.Text);
        Assert.Contains("api-one", unknown.Text);

        var ambiguous = await alice.CallAsync("send", Args(("to", "api"), ("body", "hi")));
        Assert.True(ambiguous.IsError);
        Assert.Contains("ambiguous_address", ambiguous.Text);
        Assert.Contains("Retry with one of the ids", ambiguous.Text);

        var missing = await alice.CallAsync("read", Args(("id", "msg_nope")));
        Assert.True(missing.IsError);
        Assert.Contains("message_not_found", missing.Text);

        var empty = await alice.CallAsync("send", Args(("to", "api-one"), ("body", " ")));
        Assert.True(empty.IsError);
        Assert.Contains("'body' is empty", empty.Text);

        var wrongKind = await alice.CallAsync("send", Args(("to", "api-one"), ("body", "x"), ("kind", "order")));
        Assert.True(wrongKind.IsError);
        Assert.Contains("invalid_request", wrongKind.Text);

        var nothingToAck = await alice.CallAsync("ack", Args(("ids", Array.Empty<string>())));
        Assert.True(nothingToAck.IsError);

        var noRoom = await alice.CallAsync("rooms", Args(("action", "send"), ("room", "nope"), ("body", "hi")));
        Assert.True(noRoom.IsError);
        Assert.Contains("room_not_found", noRoom.Text);
        Assert.Contains("action 'list'", noRoom.Text);
        var badAction = await alice.CallAsync("rooms", Args(("action", "dance")));
        Assert.True(badAction.IsError);
        Assert.Contains("Use list, create, join, leave, send or history", badAction.Text);
        var noRole = await alice.CallAsync("send", Args(("to", "role:nope"), ("body", "hi")));
        Assert.True(noRole.IsError);
        Assert.Contains("role_not_found", noRole.Text);
    }

    [Fact]
    public async Task RoomsAndRoles_TwoAgentsTalkInARoom_AndSendToARole()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var alice = await McpConnection.StdioAsync(broker, "alice");
        await using var bob = await McpConnection.StdioAsync(broker, "bob");
        await alice.CallOkAsync("whoami");
        await bob.CallOkAsync("whoami");

        var created = await alice.CallOkAsync("rooms", Args(("action", "create"), ("room", "pair"), ("members", new[] { "bob" }), ("mode", "reactive")));
        var posted = await alice.CallOkAsync("rooms", Args(("action", "send"), ("room", "pair"), ("body", "@bob can you check the build?")));
        var received = await bob.CallOkAsync("wait", Args(("timeout_seconds", 10)));
        var listed = await bob.CallOkAsync("rooms");
        var history = await bob.CallOkAsync("rooms", Args(("action", "history"), ("room", "pair")));
        var noRoles = await alice.CallOkAsync("roles");
        (await broker.Http.PutAsync("/v1/meshes/default/roles/builder", new StringContent(
            """{"agents":["bob"]}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var roles = await alice.CallOkAsync("roles");
        var toRole = await alice.CallOkAsync("send", Args(("to", "role:builder"), ("body", "build main please")));

        Assert.Contains("Created room pair (reactive) with alice, bob", created);
        Assert.Contains("in pair; 1 member(s)", posted);
        Assert.Contains("room=\"pair\"", received);
        Assert.Contains("kind=\"task\"", received);
        Assert.Contains("can you check the build?", received);
        Assert.Contains("pair (reactive): alice, bob", listed);
        Assert.Contains("@bob can you check the build?", history);
        Assert.Contains("There are no roles", noRoles);
        Assert.Contains("role:builder: bob (online)", roles);
        Assert.Contains("to bob (", toRole);
    }

    [Fact]
    public async Task BrokerDown_IsAToolError_WithAdvice()
    {
        var broker = await TestBroker.StartAsync();
        await using var alice = await McpConnection.StdioAsync(broker, "alice");
        await alice.CallOkAsync("whoami");

        await broker.DisposeAsync();
        var result = await alice.CallAsync("inbox");

        Assert.True(result.IsError);
        Assert.Contains("broker_unavailable", result.Text);
        Assert.Contains("mesh server", result.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData("2024-11-05")]
    public async Task Handshake_OlderAndNewerClients_Work(string? protocolVersion)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var alice = await McpConnection.StdioAsync(broker, "alice", protocolVersion);

        Assert.StartsWith("You are alice", await alice.CallOkAsync("whoami"));
        // A client that probes 2026-07-28 first falls back to the initialize handshake, which stdio keeps.
        Assert.Equal(protocolVersion ?? "2025-11-25", alice.Client.NegotiatedProtocolVersion);
    }

    [Fact]
    public async Task InvalidName_ToolsSayWhy()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var agent = await McpConnection.StdioAsync(broker, "Not Valid!");

        var result = await agent.CallAsync("whoami");

        Assert.True(result.IsError);
        Assert.Contains("not a valid agent name", result.Text);
    }
}
