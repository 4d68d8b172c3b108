namespace AgentMesh.Terminal.Agents;

/// <summary>What <c>mesh agent start</c> asks for.</summary>
public sealed record StartTmuxAgent
{
    public required string Name { get; init; }
    public required string Mesh { get; init; }
    /// <summary>The program to run; null reuses the remembered one.</summary>
    public string? Command { get; init; }
    /// <summary>The tmux session; null reuses the remembered one, or <c>mesh-&lt;name&gt;</c>.</summary>
    public string? Session { get; init; }
    /// <summary>The folder to run in; null reuses the remembered one, or <see cref="DefaultCwd"/>.</summary>
    public string? Cwd { get; init; }
    /// <summary>Where a new agent runs when no folder is given (the current folder).</summary>
    public required string DefaultCwd { get; init; }
    public required string Host { get; init; }
    /// <summary>Variables for the program in the pane (MESH_AGENT, MESH_HOME, …).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>What <c>mesh agent start</c> did.</summary>
public sealed record TmuxAgentStarted
{
    public required TmuxAgentState State { get; init; }
    public required string AgentId { get; init; }
    public required int Pid { get; init; }
    /// <summary>True when the session was created now; false when an existing one was reused.</summary>
    public required bool CreatedSession { get; init; }
    /// <summary>True when the pane's program had exited and was started again.</summary>
    public required bool Respawned { get; init; }
    /// <summary>True when a daemon was started now; false when one already ran.</summary>
    public required bool StartedDaemon { get; init; }
}

/// <summary>What <c>mesh agent stop</c> did.</summary>
public sealed record TmuxAgentStopped(bool DaemonWasRunning, bool MarkedOffline, bool KilledSession, string? OfflineProblem);

/// <summary>Starts the hidden <c>mesh agent daemon</c> for an agent, detached, its output in <paramref name="logPath"/>.</summary>
public delegate System.Diagnostics.Process DaemonLauncher(string mesh, string name, string logPath);
