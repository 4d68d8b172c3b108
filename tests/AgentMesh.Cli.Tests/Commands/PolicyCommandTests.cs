using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh policy allow-commands | show</c> and <c>mesh send --command</c> against a real broker.</summary>
public sealed class PolicyCommandTests
{
    [Fact]
    public async Task AllowCommands_ReplacesAddsAndClears_ShowPrintsTheList()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "bob");

        var before = await cli.RunAsync("policy", "show", "bob");
        var set = await cli.RunAsync("policy", "allow-commands", "bob", "/compact,/clear");
        var replaced = await cli.RunAsync("policy", "allow-commands", "bob", "review");
        var added = await cli.RunAsync("policy", "allow-commands", "bob", "/compact", "--add", "--json");
        var shown = await cli.RunAsync("policy", "show", "bob", "--json");
        var cleared = await cli.RunAsync("policy", "allow-commands", "bob", "--none");

        Assert.Contains("bob", before.Stdout);
        Assert.Contains("accepts no control commands", before.Stdout);
        Assert.Contains("/compact, /clear", set.Stdout);
        Assert.Contains("accepts these control commands: /review", replaced.Stdout);
        Assert.Equal(["/review", "/compact"], JsonSerializer.Deserialize(added.Stdout, MeshJsonContext.Default.AgentPolicy)!.AllowedCommands);
        Assert.Equal(["/review", "/compact"], JsonSerializer.Deserialize(shown.Stdout, MeshJsonContext.Default.AgentPolicy)!.AllowedCommands);
        Assert.Equal(ExitCodes.Ok, cleared.ExitCode);
        Assert.Empty(broker.Host.Broker.GetPolicy("default", "bob").AllowedCommands);
    }

    [Theory]
    [InlineData(new[] { "policy", "allow-commands", "bob" }, "--none")]
    [InlineData(new[] { "policy", "allow-commands", "bob", "/compact", "--none" }, "--none")]
    [InlineData(new[] { "policy", "allow-commands", "bob", "/Compact!" }, "not a command name")]
    public async Task AllowCommands_BadArguments_IsAUsageErrorSayingWhatToDo(string[] args, string hint)
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "bob");

        var result = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(hint, result.Stderr);
    }

    [Fact]
    public async Task Show_UnknownAgent_FailsNamingIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var result = await cli.RunAsync("policy", "show", "nobody");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("nobody", result.Stderr);
    }

    [Fact]
    public async Task SendCommand_Allowed_SendsKindCommand_NotAllowedSaysHowToAllowIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");

        var refused = await cli.RunAsync("send", "bob", "/compact", "--command", "--as", "alice");
        await cli.RunAsync("policy", "allow-commands", "bob", "/compact");
        var sent = await cli.RunAsync("send", "bob", "/compact", "--command", "--as", "alice", "--json");
        var human = await cli.RunAsync("send", "bob", "/compact", "--command", "--as", "alice");

        Assert.Equal(ExitCodes.Error, refused.ExitCode);
        Assert.Contains("mesh policy allow-commands bob /compact", refused.Stderr);
        Assert.Equal(MessageKind.Command, JsonSerializer.Deserialize(sent.Stdout, MeshJsonContext.Default.SendMessageResponse)!.Message.Kind);
        Assert.Contains("Sent command", human.Stdout);
    }

    [Fact]
    public async Task SendCommand_WithNote_IsAUsageError()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");

        var result = await cli.RunAsync("send", "bob", "/compact", "--command", "--note", "--as", "alice");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--note", result.Stderr);
    }

    [Fact]
    public async Task SendCommand_ToEveryone_IsAUsageErrorSayingItGoesToOneAgent()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");

        var result = await cli.RunAsync("send", "*", "/compact", "--command", "--as", "alice");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("one agent", result.Stderr);
    }
}
