using System.Text.Json.Nodes;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>
/// Control commands (kind=command) are for the terminal (the PTY supervisor or a tmux daemon types them): hooks
/// never put them into Claude's context or a Stop reason, and leave them queued.
/// </summary>
public sealed class CommandMessageHookTests
{
    private const string Session = "b21ac346-0f09-4065-96b7-7e75d5c12bd4";

    [Fact]
    public async Task UserPromptSubmit_CommandBeforeATask_AttachesOnlyTheTaskAndLeavesTheCommandQueued()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await AllowAsync(mesh, me.Id, "/compact");
        var command = await mesh.SendAsync("alice", me.Id, "/compact", MessageKind.Command);
        var task = await mesh.SendAsync("alice", me.Id, "please review the API change");

        var run = await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        var context = (string)run.Json["hookSpecificOutput"]!["additionalContext"]!;
        Assert.Contains(task.Id, context);
        Assert.DoesNotContain(command.Id, context);
        Assert.DoesNotContain("/compact", context);
        var left = Assert.Single(await mesh.InboxAsync(me.Id));
        Assert.Equal((command.Id, DeliveryState.Queued), (left.Message.Id, left.State));
    }

    [Fact]
    public async Task Stop_OnlyACommandWaiting_DoesNotBlockAndLeavesItQueued()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await AllowAsync(mesh, me.Id, "/compact");
        var command = await mesh.SendAsync("alice", me.Id, "/compact", MessageKind.Command);

        var run = await mesh.RunAsync(HookRunner.Stop, HookHarness.Sample("Stop", ("stop_hook_active", JsonValue.Create(false))));

        Assert.Equal(new HookRun(0, ""), run);
        var left = Assert.Single(await mesh.InboxAsync(me.Id));
        Assert.Equal((command.Id, DeliveryState.Queued), (left.Message.Id, left.State));
    }

    [Fact]
    public async Task Stop_CommandAndTaskWaiting_BlocksWithTheTaskOnly()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await AllowAsync(mesh, me.Id, "/clear");
        var command = await mesh.SendAsync("alice", me.Id, "/clear start over", MessageKind.Command);
        var task = await mesh.SendAsync("alice", me.Id, "run the migration");

        var run = await mesh.RunAsync(HookRunner.Stop, HookHarness.Sample("Stop", ("stop_hook_active", JsonValue.Create(false))));

        var reason = (string)run.Json["reason"]!;
        Assert.Contains(task.Id, reason);
        Assert.DoesNotContain(command.Id, reason);
        Assert.DoesNotContain("/clear", reason);
        Assert.Equal(command.Id, Assert.Single(await mesh.InboxAsync(me.Id)).Message.Id);
    }

    private static Task<AgentPolicy> AllowAsync(HookHarness mesh, string agent, string command) =>
        mesh.Broker.Host.Broker.SavePolicyAsync(HookHarness.Mesh, agent, new SavePolicyRequest { AllowedCommands = [command] }, TestContext.Current.CancellationToken);
}
