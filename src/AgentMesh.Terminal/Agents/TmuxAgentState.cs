namespace AgentMesh.Terminal.Agents;

/// <summary>
/// What <c>mesh agent start</c> remembers about a tmux agent, in <c>$MESH_HOME/agents/&lt;mesh&gt;/&lt;name&gt;.json</c>
/// (0600): where it runs and which daemon delivers to it. The tmux session itself is the truth about the
/// program; this file lets a later start, stop, list or attach find it.
/// </summary>
public sealed record TmuxAgentState
{
    public required string Name { get; init; }
    public required string Mesh { get; init; }
    public required string Session { get; init; }
    public required string PaneId { get; init; }
    public required string Command { get; init; }
    public required string Cwd { get; init; }
    /// <summary>The tmux socket path or name from <c>MESH_TMUX_SOCKET</c>; null for the default server.</summary>
    public string? TmuxSocket { get; init; }
    public int? DaemonPid { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
}

/// <summary>One line of <c>mesh agent list</c>.</summary>
public sealed record TmuxAgentListing
{
    public required string Name { get; init; }
    public required string Mesh { get; init; }
    /// <summary>The broker's status of the agent, or <c>unknown</c> when the broker did not answer.</summary>
    public required string Status { get; init; }
    public required string Session { get; init; }
    public required bool SessionRunning { get; init; }
    /// <summary>The pid of the program in the pane, when the pane exists.</summary>
    public int? Pid { get; init; }
    /// <summary>The delivery daemon's pid, or null when no daemon runs.</summary>
    public int? DaemonPid { get; init; }
    public required string Command { get; init; }
    public required string Cwd { get; init; }
    public int? Unread { get; init; }
}

public sealed record TmuxAgentList(IReadOnlyList<TmuxAgentListing> Agents);
