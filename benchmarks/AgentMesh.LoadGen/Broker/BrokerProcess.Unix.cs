using System.Runtime.InteropServices;

namespace AgentMesh.LoadGen.Broker;

internal sealed partial class BrokerProcess
{
    private const int Sigterm = 15;

    /// <summary>Process.Kill only sends SIGKILL; a clean stop needs SIGTERM, which the broker's host handles.</summary>
    private static void SendTerminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        _ = Kill(pid, Sigterm); // -1 means it already exited; StopAsync then finds it gone
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
