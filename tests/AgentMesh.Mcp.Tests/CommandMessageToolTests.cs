using AgentMesh.Protocol.Policies;
using AgentMesh.Testing;
using static AgentMesh.Mcp.Tests.MeshFixtures;

namespace AgentMesh.Mcp.Tests;

/// <summary>kind=command through the MCP tools: send accepts it; inbox and wait leave commands for the terminal.</summary>
public sealed class CommandMessageToolTests
{
    [Fact]
    public async Task Send_KindCommand_AllowedIsQueued_WaitAndInboxSkipIt()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.Host.Broker.SavePolicyAsync("default", "bob", new SavePolicyRequest { AllowedCommands = ["/compact"] }, CancellationToken.None);
        await using var alice = await McpConnection.HttpAsync(broker, "alice");
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        var sent = await alice.CallOkAsync("send", Args(("to", "bob"), ("body", "/compact"), ("kind", "command")));
        await alice.CallOkAsync("send", Args(("to", "bob"), ("body", "run the tests")));
        var peeked = await bob.CallOkAsync("inbox");
        var taken = await bob.CallOkAsync("wait", Args(("timeout_seconds", 0)));

        Assert.StartsWith("Sent command ", sent);
        Assert.DoesNotContain("/compact", peeked);
        Assert.Contains(">run the tests</mesh-message>", taken);
        Assert.DoesNotContain("/compact", taken);
        var waiting = await broker.Host.Broker.PeekAsync("default", "bob", 10, CancellationToken.None);
        Assert.Equal("queued", Assert.Single(waiting, i => i.Message.Kind == "command").State);
    }

    [Fact]
    public async Task Send_KindCommandNotAllowed_IsAToolErrorSayingHowToAllowIt()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await using var alice = await McpConnection.HttpAsync(broker, "alice");

        var result = await alice.CallAsync("send", Args(("to", "bob"), ("body", "/compact"), ("kind", "command")));

        Assert.True(result.IsError);
        Assert.Contains("mesh policy allow-commands bob /compact", result.Text);
    }
}
