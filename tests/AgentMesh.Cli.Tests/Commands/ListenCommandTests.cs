using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh listen</c>: one JSON line per event, across broker restarts.</summary>
public sealed class ListenCommandTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listen_BrokerRestarts_EveryEventPrintedOnceInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        using var listen = cli.StartInBackground("listen", "--after", "0");

        await cli.RunAsync("send", "bob", "before", "--as", "alice");
        await listen.Stdout.WaitForAsync(text => text.Contains("\"body\":\"before\"")).WaitAsync(_bound, Ct);
        // Generous: the broker's graceful stop currently waits out Kestrel's shutdown timeout (30 s) for open SSE streams.
        await broker.RestartAsync().WaitAsync(TimeSpan.FromSeconds(90), Ct);
        await cli.RunAsync("send", "bob", "after", "--as", "alice");
        await listen.Stdout.WaitForAsync(text => text.Contains("\"body\":\"after\"")).WaitAsync(_bound, Ct);
        var result = await listen.StopAsync(_bound);

        var printed = result.StdoutLines.Select(line => JsonSerializer.Deserialize(line, MeshJsonContext.Default.MeshEvent)!).ToList();
        var log = await cli.RunAsync("history", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(Enumerable.Range(1, printed.Count).Select(i => (long)i), printed.Select(e => e.Seq));
        Assert.Equal(2, printed.Count(e => e.Type == MeshEventType.MessageQueued));
        Assert.Contains("Reconnected", result.Stderr);
        Assert.Equal(2, JsonSerializer.Deserialize(log.Stdout, MeshJsonContext.Default.MessageList)!.Messages.Count);
    }

    [Fact]
    public async Task Listen_AsAgentFromNow_PrintsOnlyNewEventsAboutIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        await cli.RunAsync("register", "carol");
        await cli.RunAsync("send", "bob", "old news", "--as", "alice");
        using var listen = cli.StartInBackground("listen", "--as", "bob");
        await listen.Stderr.WaitForAsync(text => text.Contains("Listening to agent bob")).WaitAsync(_bound, Ct);

        await cli.RunAsync("send", "carol", "not for bob", "--as", "alice");
        await cli.RunAsync("send", "bob", "fresh", "--as", "alice");
        await listen.Stdout.WaitForAsync(text => text.Contains("\"body\":\"fresh\"")).WaitAsync(_bound, Ct);
        var result = await listen.StopAsync(_bound);

        var printed = Assert.Single(result.StdoutLines);
        Assert.Equal(MeshEventType.MessageQueued, JsonSerializer.Deserialize(printed, MeshJsonContext.Default.MeshEvent)!.Type);
    }
}
