namespace AgentMesh.Core.Presence;

/// <summary>Tells whether a local process is still running.</summary>
public interface IProcessProbe
{
    bool IsAlive(int pid);
}

/// <summary>Linux: a running process has a <c>/proc/PID</c> directory. Elsewhere nothing is assumed dead.</summary>
public sealed class ProcProcessProbe : IProcessProbe
{
    public bool IsAlive(int pid) => !OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}");
}
