using System.Diagnostics;
using System.Runtime.InteropServices;
using AgentMesh.LoadGen.Broker;

namespace AgentMesh.LoadGen;

/// <summary>
/// Runs the generator on JIT-compiled code only. With tiering off (see the csproj) the framework's ReadyToRun code
/// is never replaced by optimised code, and the generator's JSON and WebSocket work cost about a quarter more CPU
/// per send (send socket: 28-29 µs against 20-24 µs; docs/benchmarks.md, "Session 7"): CPU the broker needs on two
/// cores. Only the environment turns ReadyToRun off (<c>DOTNET_ReadyToRun=0</c>), so the generator starts itself
/// again with it and passes its exit code on. The broker it starts gets the environment without it
/// (<see cref="BrokerProcess"/>), so the broker runs as users run it. Setting the variable yourself (to 0 or 1)
/// skips the restart.
/// </summary>
internal static class JitOnly
{
    public const string Variable = "DOTNET_ReadyToRun";

    public static bool ShouldRestart() => Environment.GetEnvironmentVariable(Variable) is null;

    public static async Task<int> RestartAsync(string[] args)
    {
        var info = new ProcessStartInfo(MeshCli.FindDotnet()) { UseShellExecute = false };
        info.ArgumentList.Add(typeof(JitOnly).Assembly.Location);
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment[Variable] = "0";
        using var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start the load generator again.");
        // Ctrl+C reaches the child from the terminal itself; a SIGTERM to this process is passed on. Either way the
        // child stops its broker and exits, and this process exits with it.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Signals.Terminate(child.Id);
        });
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
