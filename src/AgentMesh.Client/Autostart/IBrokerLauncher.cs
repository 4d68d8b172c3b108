using AgentMesh.Protocol.Local;

namespace AgentMesh.Client.Autostart;

/// <summary>Starts a broker for a mesh home and returns once it is launched (not once it answers).</summary>
public interface IBrokerLauncher
{
    Task<LaunchedBroker> LaunchAsync(MeshHome home, CancellationToken cancellationToken);
}

/// <summary>A launched broker, so a starter can tell at once when it died during start-up instead of waiting out the timeout.</summary>
public sealed class LaunchedBroker(Func<bool> hasExited)
{
    /// <summary>For launchers that cannot watch what they started.</summary>
    public static LaunchedBroker Untracked { get; } = new(static () => false);

    public bool HasExited => hasExited();
}
