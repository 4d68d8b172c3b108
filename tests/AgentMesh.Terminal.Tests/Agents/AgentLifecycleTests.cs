using System.Diagnostics;

namespace AgentMesh.Terminal.Tests.Agents;

/// <summary><c>mesh agent start | stop | list</c> over the life of an agent, and the refusals.</summary>
public sealed class AgentLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_AfterTheDaemonDied_ReusesTheSessionAndOnlyRestartsTheDaemon()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();
        var before = await mesh.ListingAsync();
        using (var daemon = Process.GetProcessById(before.DaemonPid!.Value))
        {
            daemon.Kill(); // a crash: no chance to clean up
            await daemon.WaitForExitAsync(Ct);
        }
        var dead = await mesh.ListingAsync();
        var id = await mesh.SendAsync("echo", "sent while no daemon ran");

        var restart = await mesh.MeshOkAsync("agent", "start", "--name", "echo"); // no --cli: the remembered command
        var after = await mesh.ListingAsync();

        Assert.Null(dead.DaemonPid);
        Assert.Contains("still runs in tmux session mesh-echo", restart.Stdout, StringComparison.Ordinal);
        Assert.Equal(before.Pid, after.Pid); // the same program in the same pane
        Assert.NotEqual(before.DaemonPid, after.DaemonPid);
        Assert.Equal(["GOT:[mesh from bob · reply: mesh send bob …] sent while no daemon ran"], await mesh.Echo.WaitForLinesAsync(1));
        await mesh.WaitForStateAsync(id, "acknowledged");
    }

    [Fact]
    public async Task Start_Twice_LeavesTheRunningDaemonAlone()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();
        var first = await mesh.ListingAsync();

        var again = await mesh.StartEchoAgentAsync();
        var second = await mesh.ListingAsync();

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("delivery daemon already running", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(first.DaemonPid, second.DaemonPid);
        Assert.Equal(first.Pid, second.Pid);
    }

    [Fact]
    public async Task Start_ProgramHadExited_StartsItAgainInTheSamePane()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();
        var state = mesh.Files.Read("default", "echo")!;
        await mesh.Echo.Tmux.RunCheckedAsync([["send-keys", "-t", state.PaneId, "C-d"]], "end the program's input", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await mesh.Echo.Sessions.DescribePaneAsync(state.PaneId, Ct) is { Dead: false })
        {
            Assert.True(DateTime.UtcNow < deadline, "the echo program never exited");
            await Task.Delay(50, Ct);
        }
        var id = await mesh.SendAsync("echo", "waits for the program");

        var restart = await mesh.MeshOkAsync("agent", "start", "--name", "echo");

        Assert.Contains("restarted in tmux session mesh-echo", restart.Stdout, StringComparison.Ordinal);
        Assert.Equal(["GOT:[mesh from bob · reply: mesh send bob …] waits for the program"], await mesh.Echo.WaitForLinesAsync(1));
        await mesh.WaitForStateAsync(id, "acknowledged");
    }

    [Fact]
    public async Task Presence_ProgramExits_AgentGoesOfflineAndTheDaemonDoesNotReviveIt()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();
        var state = mesh.Files.Read("default", "echo")!;
        await mesh.Echo.Tmux.RunCheckedAsync([["send-keys", "-t", state.PaneId, "C-d"]], "end the program's input", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await mesh.Echo.Sessions.DescribePaneAsync(state.PaneId, Ct) is { Dead: false })
        {
            Assert.True(DateTime.UtcNow < deadline, "the echo program never exited");
            await Task.Delay(50, Ct);
        }

        await mesh.SendAsync("echo", "wakes the daemon"); // a message makes the daemon look again
        // Once the daemon has seen the program stop (its log says so), it must not touch the agent again.
        var log = mesh.Files.LogPath("default", "echo");
        while (!File.ReadAllText(log).Contains("has exited", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the daemon never noticed the program exit");
            await Task.Delay(50, Ct);
        }
        await mesh.Broker.Host.SweepAsync(Ct); // presence: the registered pid is gone
        // Several of the daemon's rechecks (2 s apart while the program is down) must leave it offline.
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal("offline", await mesh.AgentStatusAsync("echo"));
            await Task.Delay(200, Ct);
        }
    }

    [Fact]
    public async Task Stop_StopsDeliveryAndMarksOffline_KillSessionClosesAndForgets()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();

        var stop = await mesh.MeshOkAsync("agent", "stop", "--name", "echo");
        var stopped = await mesh.ListingAsync();
        var id = await mesh.SendAsync("echo", "nobody delivers this");
        var kill = await mesh.MeshOkAsync("agent", "stop", "--name", "echo", "--kill-session");
        var list = await mesh.MeshOkAsync("agent", "list");

        Assert.Contains("Stopped the delivery daemon of echo", stop.Stdout, StringComparison.Ordinal);
        Assert.Equal("offline", stopped.Status);
        Assert.Null(stopped.DaemonPid);
        Assert.True(stopped.SessionRunning); // the program keeps running without --kill-session
        Assert.Contains("tmux session closed", kill.Stdout, StringComparison.Ordinal);
        Assert.False(await mesh.Echo.Sessions.SessionExistsAsync("mesh-echo", Ct));
        Assert.Contains("No tmux agents", list.Stdout, StringComparison.Ordinal);
        Assert.Equal("queued", await mesh.DeliveryStateAsync(id));
        Assert.Empty(mesh.Echo.Lines());
    }

    [Fact]
    public async Task Daemon_SessionClosedByHand_ExitsAndMarksTheAgentOffline()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();

        await mesh.Echo.Sessions.KillSessionAsync("mesh-echo", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await mesh.ListingAsync()) is { DaemonPid: not null } or { Status: not "offline" })
        {
            Assert.True(DateTime.UtcNow < deadline, "the daemon never noticed its session was gone");
            await Task.Delay(100, Ct);
        }
        Assert.False((await mesh.ListingAsync()).SessionRunning);
    }
}
