using System.Runtime.InteropServices;

namespace AgentMesh.LoadGen;

/// <summary>Signals to child processes (the broker, the restarted generator).</summary>
internal static partial class Signals
{
    private const int Sigterm = 15;

    /// <summary>Process.Kill only sends SIGKILL; a clean stop needs SIGTERM, which the broker's host handles.</summary>
    public static void Terminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        _ = Kill(pid, Sigterm); // -1 means it already exited; the caller then finds it gone
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
