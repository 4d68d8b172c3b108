using System.Text.Json.Nodes;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>
/// The <c>mesh-hook</c> executable as a real process against a real broker: the same work as <c>mesh hook</c> —
/// a waiting task goes into the prompt's context and is acknowledged, a Stop blocks with it, the statusline
/// shows the session — over its own HTTP/1.1 client on the unix socket. A command it does not know is a usage
/// error that exits 1, never 2 (Claude reads 2 as "block").
/// </summary>
public sealed class MeshHookProcessTests
{
    private const string Session = "b21ac346-0f09-4065-96b7-7e75d5c12bd4";

    [Fact]
    public async Task UserPromptSubmit_WithATaskWaiting_AttachesItAndAcknowledgesIt()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice", cwd: "/home/dev/web-app");
        var sent = await mesh.SendAsync("alice", me.Id, "please review the API change ✓ (ünïcode)");

        var run = await RunAsync(mesh, HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        var context = (string)JsonNode.Parse(run.Stdout)!["hookSpecificOutput"]!["additionalContext"]!;
        Assert.Contains($"id=\"{sent.Id}\"", context);
        Assert.Contains(">please review the API change ✓ (ünïcode)</mesh-message>", context);
        Assert.Empty(await mesh.InboxAsync(me.Id));
        Assert.Equal(AgentStatus.Working, (await mesh.AgentAsync(me.Id)).Status);
    }

    [Fact]
    public async Task Stop_WithATaskWaiting_BlocksWithIt()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await mesh.SendAsync("alice", me.Id, "run the migration");

        var run = await RunAsync(mesh, HookRunner.Stop, HookHarness.Sample("Stop"));

        Assert.Equal(0, run.ExitCode);
        var answer = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("block", (string?)answer["decision"]);
        Assert.Contains("run the migration", (string)answer["reason"]!);
    }

    [Fact]
    public async Task Statusline_LiveSession_ShowsIdPeersAndUnread()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await mesh.SendAsync("alice", me.Id, "one");

        var run = await RunAsync(mesh, ClaudeCodeCommand.Statusline, HookHarness.StatuslineSample());

        Assert.Equal((0, $"[{me.Id} · 1 peer · ✉1]"), (run.ExitCode, run.Stdout.Trim()));
    }

    [Theory]
    [InlineData(HookProcess.MeshHook)]
    [InlineData(HookProcess.Mesh)]
    public async Task UserPromptSubmit_NothingWaiting_LoadsNeitherHttpClientNorTheCliNorTls(string program)
    {
        // The start-up diet (docs/claude-code.md "Cost"), held by what a real run loads (MESH_DEBUG lists it).
        await using var mesh = await HookHarness.StartAsync();
        await mesh.StartSessionAsync(Session);
        var variables = new Dictionary<string, string>(mesh.Variables) { ["MESH_DEBUG"] = "1" };

        var run = await HookProcess.RunAsync(program, mesh.Broker.Root, HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"), variables);

        Assert.Equal((0, ""), (run.ExitCode, run.Stdout));
        var loaded = run.Stderr.Split("loaded ")[1].Trim().Split(", ");
        Assert.Contains("AgentMesh.ClaudeCode", loaded);
        Assert.DoesNotContain("System.Net.Http", loaded);
        Assert.DoesNotContain("System.Net.Security", loaded);
        Assert.DoesNotContain("System.CommandLine", loaded);
        Assert.DoesNotContain("Spectre.Console", loaded);
        Assert.Equal(AgentStatus.Working, (await mesh.AgentAsync(HookHarness.ClaudeSession(Session))).Status);
    }

    [Fact]
    public async Task SessionStart_MeshVariable_RegistersTheSessionInThatMesh()
    {
        // What `mesh run --mesh team` relies on: it sets MESH_MESH for the agent, whose hooks inherit it.
        await using var mesh = await HookHarness.StartAsync();
        await mesh.Broker.CreateMeshAsync("team");
        var variables = new Dictionary<string, string>(mesh.Variables) { ["MESH_MESH"] = "team" };

        var run = await HookProcess.RunAsync(HookProcess.MeshHook, mesh.Broker.Root, HookRunner.SessionStart,
            HookHarness.Sample("SessionStart", ("session_id", Session)), variables);

        Assert.Equal(0, run.ExitCode);
        var agent = ClaudeCode.Sessions.ClaudeSession.AgentName("team", Session);
        var inTeam = await mesh.Broker.Http.GetAsync($"/v1/meshes/team/agents/{agent}", TestContext.Current.CancellationToken);
        Assert.True(inTeam.IsSuccessStatusCode, $"{(int)inTeam.StatusCode}; hook stderr: {run.Stderr}");
    }

    [Theory]
    [InlineData("pre-tool-use")]
    [InlineData("")]
    public async Task UnknownCommand_ExitsOneWithUsage_NotTwo(string command)
    {
        await using var mesh = await HookHarness.StartAsync();

        var run = await RunAsync(mesh, command, "{}");

        Assert.Equal((1, ""), (run.ExitCode, run.Stdout));
        Assert.Contains("usage: mesh-hook <session-start|", run.Stderr);
    }

    private static Task<ProcessRun> RunAsync(HookHarness mesh, string command, string stdin) =>
        HookProcess.RunAsync(HookProcess.MeshHook, mesh.Broker.Root, command, stdin, mesh.Variables);
}
