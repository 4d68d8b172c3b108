using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary>Bodies are written by agents: printing one must not hand its escape sequences to the reader's terminal.</summary>
public sealed class HostileTextTests
{
    [Fact]
    public async Task InboxAndHistory_BodyWithEscapeSequences_PrintsThemDefused()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        await cli.RunAsync("send", "bob", "hi\u001b]0;pwned\u0007 there\u001b[2J\nline two", "--as", "alice");

        var inbox = await cli.RunAsync("inbox", "--as", "bob");
        var history = await cli.RunAsync("history");

        Assert.Equal(0, inbox.ExitCode);
        Assert.DoesNotContain('\u001b', inbox.Stdout);
        Assert.DoesNotContain('\u0007', inbox.Stdout);
        Assert.Contains("hi·]0;pwned· there·[2J", inbox.Stdout);
        Assert.Contains("line two", inbox.Stdout);
        Assert.DoesNotContain('\u001b', history.Stdout);
    }
}
