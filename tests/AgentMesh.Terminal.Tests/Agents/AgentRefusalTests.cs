namespace AgentMesh.Terminal.Tests.Agents;

/// <summary>Every way <c>mesh agent</c> refuses, with an error that says what to do.</summary>
public sealed class AgentRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_SessionOfSomethingElse_IsRefused()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.Echo.Tmux.RunCheckedAsync([["new-session", "-d", "-s", "mesh-echo", "sleep 600"]], "create a foreign session", Ct);

        var start = await mesh.StartEchoAgentAsync();

        Assert.Equal(1, start.ExitCode);
        Assert.Contains("tmux session 'mesh-echo' already exists and is not a mesh agent's session", start.Stderr, StringComparison.Ordinal);
        Assert.Contains("--session", start.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SameSessionWithADifferentCommand_IsRefused()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();

        var start = await mesh.MeshAsync("agent", "start", "--name", "echo", "--cli", "sleep 600");

        Assert.Equal(1, start.ExitCode);
        Assert.Contains("runs 'while IFS=", start.Stderr, StringComparison.Ordinal);
        Assert.Contains("--kill-session", start.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutTmux_SaysToInstallIt()
    {
        await using var mesh = await AgentHarness.StartAsync();
        mesh.Variables["PATH"] = "/nonexistent";

        var start = await mesh.StartEchoAgentAsync();

        Assert.Equal(1, start.ExitCode);
        Assert.Contains("tmux is not installed", start.Stderr, StringComparison.Ordinal);
        Assert.Contains("apt install tmux", start.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BrokerDown_SaysSoAndCreatesNoSession()
    {
        await using var mesh = await AgentHarness.StartAsync();
        mesh.Variables["MESH_HOME"] = Path.Combine(mesh.Broker.Root, "elsewhere");

        var start = await mesh.StartEchoAgentAsync();

        Assert.Equal(4, start.ExitCode);
        Assert.Contains("No broker answers", start.Stderr, StringComparison.Ordinal);
        Assert.False(await mesh.Echo.Sessions.SessionExistsAsync("mesh-echo", Ct));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("attach")]
    public async Task UnknownAgent_IsRefusedWithHowToStartOne(string verb)
    {
        await using var mesh = await AgentHarness.StartAsync();

        var run = await mesh.MeshAsync("agent", verb, "--name", "ghost");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No tmux agent 'ghost' in mesh 'default'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("mesh agent start --name ghost", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutCliTheFirstTime_SaysWhatToRun()
    {
        await using var mesh = await AgentHarness.StartAsync();

        var run = await mesh.MeshAsync("agent", "start", "--name", "echo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cli", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_WithoutATerminal_PrintsTheTmuxCommandInstead()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();

        var run = await mesh.MeshAsync("agent", "attach", "--name", "echo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"tmux -S {mesh.Echo.SocketPath} attach-session -t =mesh-echo:", run.Stderr, StringComparison.Ordinal);
    }
}
