using System.Runtime.InteropServices;

namespace AgentMesh.Terminal.Agents;

/// <summary>SIGTERM, which .NET cannot send (Process.Kill is SIGKILL): a daemon asked to stop marks its agent offline first.</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
