using System.Text.Json.Nodes;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>Stop: block with waiting tasks, at most eight times in a row; otherwise the session is idle.</summary>
public sealed class StopHookTests
{
    private const string Session = "b21ac346-0f09-4065-96b7-7e75d5c12bd4";

    private static string Stop(bool active) => HookHarness.Sample("Stop", ("stop_hook_active", JsonValue.Create(active)));

    [Fact]
    public async Task Stop_WithATaskWaiting_BlocksWithTheTaskAsReason_AndAcknowledgesIt()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        var alice = await mesh.Broker.RegisterAsync("alice", cwd: "/home/dev/web-app");
        await mesh.SendAsync("alice", me.Id, "fyi: the build is green", MessageKind.Note);
        var task = await mesh.SendAsync("alice", me.Id, "run the migration");

        var run = await mesh.RunAsync(HookRunner.Stop, Stop(active: false));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("block", (string?)run.Json["decision"]);
        var reason = (string)run.Json["reason"]!;
        Assert.Contains($"<mesh-message from=\"{alice.Id} (web-app)\" kind=\"task\" id=\"{task.Id}\"", reason);
        Assert.Contains("kind=\"note\"", reason); // notes ride along with a task
        Assert.Empty(await mesh.InboxAsync(me.Id));
        Assert.NotEqual(AgentStatus.Idle, (await mesh.AgentAsync(me.Id)).Status);
    }

    [Fact]
    public async Task Stop_WithOnlyNotesWaiting_DoesNotBlock_AndMarksTheSessionIdle()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await mesh.SendAsync("alice", me.Id, "fyi only", MessageKind.Note);
        await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit", ("prompt", "x")));
        await mesh.SendAsync("alice", me.Id, "another fyi", MessageKind.Note);

        var run = await mesh.RunAsync(HookRunner.Stop, Stop(active: false));

        Assert.Equal(new HookRun(0, ""), run);
        Assert.Equal(AgentStatus.Idle, (await mesh.AgentAsync(me.Id)).Status);
        Assert.Equal(DeliveryState.Queued, Assert.Single(await mesh.InboxAsync(me.Id)).State);
    }

    [Fact]
    public async Task Stop_NothingWaiting_MarksTheSessionIdle()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        var run = await mesh.RunAsync(HookRunner.Stop, Stop(active: false));

        Assert.Equal(new HookRun(0, ""), run);
        Assert.Equal(AgentStatus.Idle, (await mesh.AgentAsync(me.Id)).Status);
    }

    [Fact]
    public async Task Stop_AfterEightBlocksInARow_LetsClaudeStop_UntilAStopThatNoBlockCaused()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");

        for (var i = 0; i < StopHook.MaxConsecutiveBlocks; i++)
        {
            await mesh.SendAsync("alice", me.Id, $"task {i}");
            var blocked = await mesh.RunAsync(HookRunner.Stop, Stop(active: i > 0));
            Assert.Equal("block", (string?)blocked.Json["decision"]);
        }
        await mesh.SendAsync("alice", me.Id, "task 9");

        var ninth = await mesh.RunAsync(HookRunner.Stop, Stop(active: true));

        Assert.Equal(new HookRun(0, ""), ninth);
        Assert.Equal(AgentStatus.Idle, (await mesh.AgentAsync(me.Id)).Status);
        Assert.Equal(DeliveryState.Queued, Assert.Single(await mesh.InboxAsync(me.Id)).State);

        var fresh = await mesh.RunAsync(HookRunner.Stop, Stop(active: false));
        Assert.Equal("block", (string?)fresh.Json["decision"]);
        Assert.Contains("task 9", (string)fresh.Json["reason"]!);
    }
}
