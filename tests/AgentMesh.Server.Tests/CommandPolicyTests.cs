using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

/// <summary>kind=command messages and the per-agent policy that allows them (GET/PUT …/agents/{agent}/policy).</summary>
public sealed class CommandPolicyTests
{
    private const string BobPolicy = "/v1/meshes/default/agents/bob/policy";

    [Fact]
    public async Task Policy_Default_AllowsNoCommand()
    {
        await using var broker = await TestBroker.StartAsync();
        var bob = await broker.RegisterAsync("bob");

        var policy = await broker.Http.GetAsync(BobPolicy, MeshJsonContext.Default.AgentPolicy);

        Assert.Equal(("bob", bob.Id), (policy.Agent, policy.AgentId));
        Assert.Empty(policy.AllowedCommands);
        Assert.Null(policy.UpdatedAt);
    }

    [Fact]
    public async Task Policy_Put_ReplacesTheListNormalisedAndSurvivesRestart()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");

        await PutAsync(broker, """{"allowed_commands":["/review"]}""");
        var saved = await PutAsync(broker, """{"allowed_commands":["/compact"," clear ","/compact"]}""");
        await broker.RestartAsync();
        var reloaded = await broker.Http.GetAsync(BobPolicy, MeshJsonContext.Default.AgentPolicy);

        Assert.Equal(["/compact", "/clear"], saved.AllowedCommands);
        Assert.Equal(saved.AllowedCommands, reloaded.AllowedCommands);
        Assert.NotNull(reloaded.UpdatedAt);
    }

    [Fact]
    public async Task Policy_Put_AppendsAnAgentPolicyEventAboutTheAgent()
    {
        await using var broker = await TestBroker.StartAsync();
        var bob = await broker.RegisterAsync("bob");

        await PutAsync(broker, """{"allowed_commands":["/compact"]}""");
        var events = await broker.Http.GetAsync("/v1/meshes/default/events?after=0", MeshJsonContext.Default.EventPage);

        Assert.Equal(bob.Id, Assert.Single(events.Events, e => e.Type == MeshEventType.AgentPolicy).Agent);
    }

    [Theory]
    [InlineData("/v1/meshes/default/agents/nobody/policy", """{"allowed_commands":[]}""", 404, "agent_not_found")]
    [InlineData(BobPolicy, """{"allowed_commands":["/Compact"]}""", 400, "invalid_request")]
    [InlineData(BobPolicy, """{"allowed_commands":["/compact now"]}""", 400, "invalid_request")]
    [InlineData(BobPolicy, """{}""", 400, "invalid_request")]
    [InlineData(BobPolicy, """{"allowed_commands":"/compact"}""", 400, "invalid_json")]
    [InlineData("/v1/meshes/default/agents/*/policy", """{"allowed_commands":[]}""", 400, "invalid_request")]
    public async Task Policy_PutBadRequest_IsAProblemWithAStableCode(string path, string json, int status, string code)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PutAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, status, code);
    }

    [Fact]
    public async Task Policy_GetUnknownAgent_Is404()
    {
        await using var broker = await TestBroker.StartAsync();

        var response = await broker.Http.GetAsync("/v1/meshes/default/agents/nobody/policy", Ct);

        await AssertProblemAsync(response, 404, "agent_not_found");
    }

    [Fact]
    public async Task SendCommand_NotAllowed_Is403SayingHowToAllowIt()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await PutAsync(broker, """{"allowed_commands":["/clear"]}""");

        var response = await PostSendAsync(broker, "bob", "/compact");

        var problem = await AssertProblemAsync(response, 403, "command_not_allowed");
        Assert.Contains("mesh policy allow-commands bob /compact", problem.Detail);
        Assert.Empty(await broker.PeekAsync("bob"));
    }

    [Fact]
    public async Task SendCommand_Allowed_IsQueuedAsACommandForThatAgent()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        var bob = await broker.RegisterAsync("bob", cwd: "/src/api");
        await PutAsync(broker, """{"allowed_commands":["/clear"]}""");

        var sent = await broker.SendAsync("alice", "api", "/clear focus on tests", kind: MessageKind.Command);

        Assert.Equal(MessageKind.Command, sent.Message.Kind);
        Assert.Equal(bob.Id, Assert.Single(sent.Deliveries).Recipient);
        var waiting = Assert.Single(await broker.PeekAsync("bob"));
        Assert.Equal(("/clear focus on tests", MessageKind.Command), (waiting.Message.Body, waiting.Message.Kind));
    }

    [Fact]
    public async Task SendCommand_PolicySurvivesRestart_StillAllowed()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await PutAsync(broker, """{"allowed_commands":["/compact"]}""");

        await broker.RestartAsync();
        var sent = await broker.SendAsync("alice", "bob", "/compact", kind: MessageKind.Command);
        var refused = await PostSendAsync(broker, "bob", "/clear");

        Assert.Equal(MessageKind.Command, sent.Message.Kind);
        await AssertProblemAsync(refused, 403, "command_not_allowed");
    }

    [Theory]
    [InlineData("compact", "starts with '/'")]
    [InlineData("/compact\n/clear", "one line")]
    [InlineData("/compact\u001b[2J", "control characters")]
    [InlineData("/Compact", "not a command name")]
    [InlineData("/", "not a command name")]
    public async Task SendCommand_Malformed_Is400InvalidCommandSayingWhy(string body, string why)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await PutAsync(broker, """{"allowed_commands":["/compact"]}""");

        var response = await PostSendAsync(broker, "bob", body);

        var problem = await AssertProblemAsync(response, 400, "invalid_command");
        Assert.Contains(why, problem.Detail);
    }

    [Fact]
    public async Task SendCommand_TooLong_Is400InvalidCommand()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var response = await PostSendAsync(broker, "bob", "/compact " + new string('x', ControlCommand.MaxLength));

        var problem = await AssertProblemAsync(response, 400, "invalid_command");
        Assert.Contains("at most 500", problem.Detail);
    }

    [Theory]
    [InlineData("*", false)]
    [InlineData("room:standup", false)]
    [InlineData("role:reviewer", false)]
    [InlineData("role:reviewer", true)]
    public async Task SendCommand_ToAGroup_Is400CommandToGroup(string to, bool broadcast)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await PutAsync(broker, """{"allowed_commands":["/compact"]}""");

        var response = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/alice/messages",
            new SendMessageRequest { To = to, Body = "/compact", Kind = MessageKind.Command, Broadcast = broadcast }, MeshJsonContext.Default.SendMessageRequest, Ct);

        var problem = await AssertProblemAsync(response, 400, "command_to_group");
        Assert.Contains("one agent", problem.Detail);
    }

    [Fact]
    public async Task RoomPost_Command_Is400CommandToGroup()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/rooms/standup/messages", """{"body":"/compact","kind":"command"}""");

        await AssertProblemAsync(response, 400, "command_to_group");
    }

    [Fact]
    public async Task Consume_WithKinds_LeavesCommandsQueued()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await PutAsync(broker, """{"allowed_commands":["/compact"]}""");
        var command = await broker.SendAsync("alice", "bob", "/compact", kind: MessageKind.Command);
        var task = await broker.SendAsync("alice", "bob", "review the api");

        var forModels = await PostConsumeAsync(broker, "kinds=task,note");
        var rest = await PostConsumeAsync(broker, "");

        Assert.Equal(task.Message.Id, Assert.Single(forModels.Messages).Message.Id);
        Assert.Equal(command.Message.Id, Assert.Single(rest.Messages).Message.Id);
    }

    [Fact]
    public async Task Consume_UnknownKind_Is400()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostAsync("/v1/meshes/default/agents/bob/inbox/consume?kinds=task,chat", null, Ct);

        var problem = await AssertProblemAsync(response, 400, "invalid_request");
        Assert.Contains("chat", problem.Detail);
    }

    private static async Task<AgentPolicy> PutAsync(TestBroker broker, string json)
    {
        var response = await broker.Http.PutAsync(BobPolicy, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentPolicy, Ct))!; // 2xx has a body
    }

    private static Task<HttpResponseMessage> PostSendAsync(TestBroker broker, string to, string body) =>
        broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/alice/messages",
            new SendMessageRequest { To = to, Body = body, Kind = MessageKind.Command }, MeshJsonContext.Default.SendMessageRequest, Ct);

    private static async Task<InboxResponse> PostConsumeAsync(TestBroker broker, string query)
    {
        var response = await broker.Http.PostAsync($"/v1/meshes/default/agents/bob/inbox/consume?{query}", null, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.InboxResponse, Ct))!; // 2xx has a body
    }
}
