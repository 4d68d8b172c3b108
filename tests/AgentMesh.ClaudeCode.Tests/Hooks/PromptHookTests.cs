using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>UserPromptSubmit: the session turns busy and waiting messages go into the prompt's context, acknowledged.</summary>
public sealed class PromptHookTests
{
    private const string Session = "b21ac346-0f09-4065-96b7-7e75d5c12bd4";

    [Fact]
    public async Task UserPromptSubmit_WithATaskWaiting_AttachesItFramedAndAcknowledgesIt()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        var alice = await mesh.Broker.RegisterAsync("alice", cwd: "/home/dev/web-app");
        var sent = await mesh.SendAsync("alice", me.Id, "please review the API change");

        var run = await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        Assert.Equal(0, run.ExitCode);
        var output = run.Json["hookSpecificOutput"]!.AsObject();
        Assert.Equal("UserPromptSubmit", (string?)output["hookEventName"]);
        var context = (string)output["additionalContext"]!;
        Assert.Contains($"<mesh-message from=\"{alice.Id} (web-app)\" kind=\"task\" id=\"{sent.Id}\" at=\"{MessageFrameText.Time(sent.CreatedAt)}\" name=\"alice\">please review the API change</mesh-message>", context);
        Assert.Contains($"you are {me.Id}", context);
        Assert.Empty(await mesh.InboxAsync(me.Id));
        Assert.Equal(AgentStatus.Working, (await mesh.AgentAsync(me.Id)).Status);
    }

    [Fact]
    public async Task UserPromptSubmit_NothingWaiting_PrintsNothingAndMarksTheSessionWorking()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);

        var run = await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        Assert.Equal(new HookRun(0, ""), run);
        Assert.Equal(AgentStatus.Working, (await mesh.AgentAsync(me.Id)).Status);
    }

    [Fact]
    public async Task UserPromptSubmit_SessionNeverStarted_RegistersItOnTheSpot()
    {
        await using var mesh = await HookHarness.StartAsync();

        var run = await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        Assert.Equal(new HookRun(0, ""), run);
        var agent = await mesh.AgentAsync(HookHarness.ClaudeSession(Session));
        Assert.Equal(AgentStatus.Working, agent.Status);
        Assert.Equal(AgentKind.ClaudeCode, agent.Kind);
    }

    [Fact]
    public async Task UserPromptSubmit_MoreThanTenThousandCharacters_AttachesWhatFitsAndLeavesTheRestQueued()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice", cwd: "/home/dev/web-app");
        var sent = new List<MessageEnvelope>();
        for (var i = 0; i < 6; i++)
        {
            sent.Add(await mesh.SendAsync("alice", me.Id, $"part {i}: " + new string('x', 3000), i % 2 == 0 ? MessageKind.Task : MessageKind.Note));
        }

        var run = await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        var context = (string)run.Json["hookSpecificOutput"]!["additionalContext"]!;
        Assert.InRange(context.Length, 1, MessageDigest.MaxChars);
        Assert.Contains(sent[0].Id, context);
        Assert.Contains("more messages are waiting", context);
        Assert.Contains($"mesh inbox --as {me.Id}", context);
        var left = await mesh.InboxAsync(me.Id);
        Assert.NotEmpty(left);
        Assert.All(left, item => Assert.Equal(DeliveryState.Queued, item.State));
        Assert.All(left, item => Assert.Contains(item.Message.Id, context)); // listed as waiting, not attached
        Assert.Equal(sent.Select(m => m.Id).TakeLast(left.Count), left.Select(item => item.Message.Id));
    }

    [Fact]
    public async Task UserPromptSubmit_LeavesMessagesLeasedElsewhereAlone()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await mesh.SendAsync("alice", me.Id, "taken by the MCP wait tool");
        await mesh.Broker.Host.Broker.ConsumeAsync("default", me.Id, 10, TimeSpan.Zero, TestContext.Current.CancellationToken);

        var run = await mesh.RunAsync(HookRunner.UserPromptSubmit, HookHarness.Sample("UserPromptSubmit"));

        Assert.Equal(new HookRun(0, ""), run);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(await mesh.InboxAsync(me.Id)).State);
    }
}
