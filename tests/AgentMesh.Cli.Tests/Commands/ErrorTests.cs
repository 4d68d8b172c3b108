using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary>Every failure: one line on stderr that says what to do, and the documented exit code.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task Send_UnknownAgent_OneLineListingLiveAgents()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");

        var result = await cli.RunAsync("send", "bobb", "hi", "--as", "alice");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: No agent is called 'bobb'.", line);
        Assert.Contains("bob (", line);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Send_AsUnknownAgent_SaysHowToRegisterIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "bob");

        var result = await cli.RunAsync("send", "bob", "hi", "--as", "ghost");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("mesh register ghost", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Send_AmbiguousFolder_OneLineNamingEveryCandidate()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "api-one", "--cwd", "/one/api");
        await cli.RunAsync("register", "api-two", "--cwd", "/two/api");

        var result = await cli.RunAsync("send", "api", "hi", "--as", "alice");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("api-one", line);
        Assert.Contains("api-two", line);
    }

    [Fact]
    public async Task Wait_NothingArrives_ExitsThreeSayingSo()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "bob");

        var result = await cli.RunAsync("wait", "--as", "bob", "--timeout", "200ms");

        Assert.Equal(ExitCodes.Timeout, result.ExitCode);
        Assert.Equal("No message for bob within 200ms.", Assert.Single(result.StderrLines));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Wait_TimeoutWithJson_PrintsAnEmptyListAndStillExitsThree()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "bob");

        var result = await cli.RunAsync("wait", "--as", "bob", "--timeout", "0", "--json");

        Assert.Equal(ExitCodes.Timeout, result.ExitCode);
        Assert.Empty(JsonSerializer.Deserialize(result.Stdout, MeshJsonContext.Default.InboxResponse)!.Messages);
    }

    [Fact]
    public async Task Ack_IdNotWaiting_ExitsOneNamingIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "bob");

        var result = await cli.RunAsync("ack", "01NOTANID", "--as", "bob");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("01NOTANID", line);
        Assert.Contains("mesh inbox --as bob", line);
    }

    [Fact]
    public async Task Register_BadName_UsageExitWithTheBrokersReason()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var result = await cli.RunAsync("register", "Not A Name!");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Mesh_Unknown_OneLine()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var result = await cli.RunAsync("agents", "--mesh", "nope");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("nope", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Status_NoBroker_ExitsFourAndStartsNothing()
    {
        using var home = new TempDirectory();
        var launches = 0;
        var cli = new CliRunner(home.Path) { Launcher = _ => new CountingLauncher(() => Interlocked.Increment(ref launches)) };

        var result = await cli.RunAsync("status");

        Assert.Equal(ExitCodes.BrokerUnavailable, result.ExitCode);
        Assert.Contains("No broker answers", Assert.Single(result.StderrLines));
        Assert.Equal(0, launches);
    }

    private sealed class CountingLauncher(Action counted) : AgentMesh.Client.Autostart.IBrokerLauncher
    {
        public Task<AgentMesh.Client.Autostart.LaunchedBroker> LaunchAsync(AgentMesh.Protocol.Local.MeshHome home, CancellationToken cancellationToken)
        {
            counted();
            return Task.FromResult(new AgentMesh.Client.Autostart.LaunchedBroker(() => true));
        }
    }
}
