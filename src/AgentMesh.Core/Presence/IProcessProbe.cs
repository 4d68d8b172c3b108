using AgentMesh.Protocol.Local;

namespace AgentMesh.Core.Presence;

/// <summary>Tells whether a local process is still running.</summary>
public interface IProcessProbe
{
    bool IsAlive(int pid);
}

/// <summary>Linux: the process is in procfs and is not a zombie. Elsewhere nothing is assumed dead.</summary>
public sealed class ProcProcessProbe : IProcessProbe
{
    public bool IsAlive(int pid) => ProcessTree.IsRunning(pid);
}
