using System.Diagnostics;
using System.Text.Json;
using AgentMesh.Client.Autostart;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary>
/// Brokers started as real background processes, the way <c>mesh server --detach</c> and lazy autostart do:
/// <c>dotnet mesh.dll server --detach-child …</c>, detached, logging to <c>$MESH_HOME/broker.log</c>.
/// </summary>
public sealed class DetachedBrokerTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServerDetach_StartsABackgroundBrokerThatOutlivesTheCommand()
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path) { Launcher = RealProcess };

        var detach = await cli.RunAsync("server", "--detach", "--port", "0");
        var pid = await StatusPidAsync(cli);
        try
        {
            var again = await cli.RunAsync("server", "--detach", "--port", "0");

            Assert.Equal(ExitCodes.Ok, detach.ExitCode);
            Assert.Contains($"Broker started in the background · pid {pid}", detach.Stdout);
            Assert.Contains(Path.Combine(home.Path, "broker.log"), detach.Stdout);
            Assert.Equal(ExitCodes.Ok, again.ExitCode);
            Assert.Contains("already runs", again.Stdout);
            Assert.Contains("mesh broker started", await File.ReadAllTextAsync(Path.Combine(home.Path, "broker.log"), TestContext.Current.CancellationToken));
        }
        finally
        {
            await StopAsync(pid);
        }
    }

    [Fact]
    public async Task DataCommand_NoBroker_AutostartsOneInTheBackground()
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path) { Launcher = RealProcess, AutostartArguments = ["server", "--detach-child", "--port", "0"] };

        var register = await cli.RunAsync("register", "alice");
        var pid = await StatusPidAsync(cli);
        try
        {
            Assert.Equal(ExitCodes.Ok, register.ExitCode);
            Assert.NotEqual(Environment.ProcessId, pid);
        }
        finally
        {
            await StopAsync(pid);
        }
    }

    /// <summary>Runs the real <c>mesh</c> (this build's mesh.dll) under the dotnet host.</summary>
    private static IBrokerLauncher RealProcess(IReadOnlyList<string> arguments)
    {
        var meshDll = typeof(MeshCli).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new DetachedProcessLauncher(new BrokerLaunchCommand(dotnet, [meshDll, .. arguments]));
    }

    private static async Task<int> StatusPidAsync(CliRunner cli)
    {
        var status = await cli.RunAsync("status", "--json");
        Assert.Equal(ExitCodes.Ok, status.ExitCode);
        return JsonSerializer.Deserialize(status.Stdout, MeshJsonContext.Default.BrokerStatus)!.Pid;
    }

    /// <summary>Kills the broker this test started, by its pid, and waits for it to exit.</summary>
    private static async Task StopAsync(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(_bound, TestContext.Current.CancellationToken);
    }
}
