using AgentMesh.Client;
using AgentMesh.Protocol.Local;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// What a hook or the statusline reads from outside itself: environment variables (<c>MESH_HOME</c>,
/// <c>MESH_URL</c>, <c>MESH_AGENT</c>, <c>CLAUDE_PID</c>), the mesh, the host name. Tests point it at a
/// test broker's home. Clients made here are <see cref="ShortLivedMeshClient"/>s: a hook makes a few requests and
/// exits, and must never start a broker behind Claude's back.
/// </summary>
public sealed record HookEnvironment
{
    public const string AgentVariable = "MESH_AGENT";
    public const string DebugVariable = "MESH_DEBUG";

    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;
    public string Mesh { get; init; } = MeshClientOptions.DefaultMesh;
    public string MachineName
    {
        get => _machineName ??= Environment.MachineName; // only SessionStart needs it
        init => _machineName = value;
    }

    private string? _machineName;

    /// <summary>How long one request to the broker may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The whole run's budget (its broker calls' time); past it the hook gives up quietly (Claude waits for hooks).</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>SessionEnd hooks share a 1.5 s budget in Claude; stay well inside it.</summary>
    public TimeSpan SessionEndBudget { get; init; } = TimeSpan.FromSeconds(1.2);

    public bool Debug => !string.IsNullOrEmpty(Variables(DebugVariable));

    /// <summary>The name the user chose for the session (<c>MESH_AGENT</c>), or null.</summary>
    public string? ChosenName => Variables(AgentVariable) is { Length: > 0 } name ? name : null;

    public MeshHome Home => MeshClientOptions.FromEnvironment(Variables).Home;

    /// <summary>A client for one run whose requests together may take <paramref name="budget"/>.</summary>
    public ShortLivedMeshClient CreateClient(TimeSpan budget) => new(MeshClientOptions.FromEnvironment(Variables) with
    {
        Mesh = Mesh,
        RequestTimeout = RequestTimeout,
    }, budget);
}
