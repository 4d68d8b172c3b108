using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Core.Identity;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>SessionStart, Notification and SessionEnd against a real broker, fed Claude's captured hook input.</summary>
public sealed class SessionHookTests
{
    private const string Session = "b21ac346-0f09-4065-96b7-7e75d5c12bd4";

    [Fact]
    public async Task SessionStart_RegistersTheSessionAsIdleClaudeCodeAgent_WithAnIdFromTheSessionId()
    {
        await using var mesh = await HookHarness.StartAsync();

        var agent = await mesh.StartSessionAsync(Session);

        Assert.Equal(AgentIds.FromSessionId("default", Session), agent.Id);
        Assert.Equal(8, agent.Id.Length);
        Assert.Equal(AgentKind.ClaudeCode, agent.Kind);
        Assert.Equal(AgentStatus.Idle, agent.Status);
        Assert.Equal("/home/dev/api-service", agent.Cwd);
        Assert.Equal(Environment.ProcessId, agent.Pid);
        Assert.Equal(Session, agent.SessionId);
        Assert.Equal($"/home/dev/.claude/projects/-home-dev-api-service/{Session}.jsonl", agent.TranscriptPath);
    }

    [Fact]
    public async Task SessionStart_SameSessionAgain_KeepsTheSameAgent()
    {
        await using var mesh = await HookHarness.StartAsync();
        var first = await mesh.StartSessionAsync(Session);

        var again = await mesh.StartSessionAsync(Session, source: "resume");

        Assert.Equal(first.Id, again.Id);
        Assert.Single(await mesh.Broker.Host.Broker.ListAgentsAsync("default", includeOffline: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SessionStart_AfterClear_TheSameClaudeProcessKeepsItsAgent()
    {
        await using var mesh = await HookHarness.StartAsync();
        var before = await mesh.StartSessionAsync(Session);
        Assert.Equal(0, (await mesh.RunAsync(HookRunner.SessionEnd, HookHarness.Sample("SessionEnd", ("session_id", Session), ("reason", "clear")))).ExitCode);
        Assert.Equal(AgentStatus.Idle, (await mesh.AgentAsync(before.Id)).Status);

        const string next = "3d5f0a4e-1111-4222-8333-944455556666";
        var run = await mesh.RunAsync(HookRunner.SessionStart, HookHarness.Sample("SessionStart", ("session_id", next), ("source", "clear")));

        Assert.Equal(0, run.ExitCode);
        var after = await mesh.AgentAsync(before.Id);
        Assert.Equal(next, after.SessionId);
        Assert.Equal(AgentStatus.Idle, after.Status);
        Assert.Single(await mesh.Broker.Host.Broker.ListAgentsAsync("default", includeOffline: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SessionStart_WithMeshAgentSet_RegistersUnderThatName()
    {
        await using var mesh = await HookHarness.StartAsync();
        mesh.Variables["MESH_AGENT"] = "reviewer";

        Assert.Equal(0, (await mesh.RunAsync(HookRunner.SessionStart, HookHarness.Sample("SessionStart"))).ExitCode);

        var agent = await mesh.AgentAsync("reviewer");
        Assert.Equal(AgentKind.ClaudeCode, agent.Kind);
        Assert.Equal(Session, agent.SessionId);
    }

    [Theory]
    [InlineData("permission_prompt", AgentStatus.Waiting)]
    [InlineData("idle_prompt", AgentStatus.Waiting)]
    [InlineData("auth_success", AgentStatus.Idle)]
    public async Task Notification_SetsWaitingForInputOnlyForPromptsThatWaitOnThePerson(string type, string expected)
    {
        await using var mesh = await HookHarness.StartAsync();
        var agent = await mesh.StartSessionAsync(Session);

        var run = await mesh.RunAsync(HookRunner.Notification, HookHarness.Sample("Notification", ("notification_type", type)));

        Assert.Equal(new HookRun(0, ""), run);
        Assert.Equal(expected, (await mesh.AgentAsync(agent.Id)).Status);
        Assert.Equal("waiting-for-input", AgentStatus.Waiting);
    }

    [Fact]
    public async Task SessionEnd_UnregistersTheSession_AndForgetsItsState()
    {
        await using var mesh = await HookHarness.StartAsync();
        var agent = await mesh.StartSessionAsync(Session);
        var state = new ClaudeCode.Sessions.SessionStateStore(mesh.Broker.Home);
        Assert.NotNull(state.Read(Session));

        var run = await mesh.RunAsync(HookRunner.SessionEnd, HookHarness.Sample("SessionEnd"));

        Assert.Equal(new HookRun(0, ""), run);
        Assert.Equal(AgentStatus.Offline, (await mesh.AgentAsync(agent.Id)).Status);
        Assert.Null(state.Read(Session));
    }

    [Fact]
    public async Task SessionState_IsPrivateToTheUser()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "unix file modes");
        await using var mesh = await HookHarness.StartAsync();
        await mesh.StartSessionAsync(Session);
        var store = new ClaudeCode.Sessions.SessionStateStore(mesh.Broker.Home);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Folder, Session + ".json")));
    }
}
