namespace AgentMesh.Terminal.Tmux;

/// <summary>
/// What marks a tmux session as a mesh agent's: session options <c>@mesh-agent</c> (the agent's name),
/// <c>@mesh-cli</c> (the command it was started with) and <c>@mesh-pane</c> (the pane the agent runs in; the
/// one messages are typed into, whichever pane is active).
/// </summary>
public sealed record AgentSession(string Session, string? Agent, string? Command, string? PaneId)
{
    public const string AgentOption = "@mesh-agent";
    public const string CommandOption = "@mesh-cli";
    public const string PaneOption = "@mesh-pane";

    public bool BelongsTo(string agent) => string.Equals(Agent, agent, StringComparison.Ordinal);
}

/// <summary>The agent's pane as tmux describes it.</summary>
public sealed record PaneInfo(string PaneId, int Pid, bool Dead, string CurrentCommand);

/// <summary>How to start an agent's session.</summary>
public sealed record AgentSessionSpec
{
    public required string Session { get; init; }
    public required string Agent { get; init; }
    /// <summary>A shell command line (run by tmux through the default shell, like any tmux command).</summary>
    public required string Command { get; init; }
    public required string Cwd { get; init; }
    /// <summary>Variables set in the session for the program (e.g. <c>MESH_AGENT</c>); never secrets, tmux shows them in its argv.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
