namespace AgentMesh.Setup.Tests.Infrastructure;

/// <summary>
/// One golden scenario: a client and scope, optional starting files (<c>Golden/&lt;name&gt;/input</c>), and
/// the expected trees after setup (<c>applied</c>) and after <c>--remove</c> (<c>removed</c>).
/// </summary>
/// <param name="Name">The folder under Golden/.</param>
/// <param name="Client">The client as <c>mesh setup</c> takes it.</param>
/// <param name="Scope">User or project.</param>
/// <param name="Agent">The <c>--name</c>, if any.</param>
/// <param name="Command">How the mesh is started; <c>mesh</c> on the PATH when null.</param>
/// <param name="RoundTrips">Removal gives back the input exactly (plus the backup). False when the input
/// already held a mesh entry, which removal rightly takes out.</param>
public sealed record Scenario(string Name, string Client, SetupScope Scope, string? Agent = null, McpServerCommand? Command = null, bool RoundTrips = true)
{
    public static readonly McpServerCommand FullPath = new("/opt/agentmesh/mesh", []);
    public static readonly McpServerCommand Dotnet = new("dotnet", ["/opt/agentmesh/mesh.dll"]);

    public static IReadOnlyList<Scenario> All { get; } =
    [
        // Fresh installs: no files yet, every client and scope.
        new("claude-code-user-fresh", "claude-code", SetupScope.User, "alice"),
        new("claude-code-project-fresh", "claude-code", SetupScope.Project, Command: FullPath),
        new("cursor-user-fresh", "cursor", SetupScope.User),
        new("cursor-project-fresh", "cursor", SetupScope.Project, "cursor-1"),
        new("vscode-user-fresh", "vscode", SetupScope.User),
        new("vscode-project-fresh", "vscode", SetupScope.Project, "vscode.main"),
        new("windsurf-user-fresh", "windsurf", SetupScope.User, "surfer"),
        new("codex-user-fresh", "codex", SetupScope.User, "codex", Dotnet),
        new("codex-project-fresh", "codex", SetupScope.Project),
        new("gemini-user-fresh", "gemini", SetupScope.User),
        new("gemini-project-fresh", "gemini", SetupScope.Project, "gem"),
        new("kiro-user-fresh", "kiro", SetupScope.User, "kiro"),
        new("kiro-project-fresh", "kiro", SetupScope.Project),
        // Merges into existing files with other servers, unrelated keys, comments and user text.
        new("claude-code-user-merge", "claude-code", SetupScope.User, "alice"),
        new("claude-code-project-merge", "claude-code", SetupScope.Project),
        new("cursor-project-merge", "cursor", SetupScope.Project),
        new("vscode-project-merge", "vscode", SetupScope.Project, "vs"),
        new("windsurf-user-merge", "windsurf", SetupScope.User),
        new("codex-user-merge", "codex", SetupScope.User, "codex"),
        new("gemini-user-merge", "gemini", SetupScope.User, "gem", FullPath),
        new("kiro-project-merge", "kiro", SetupScope.Project),
        // Updates of an existing mesh entry that carries keys of the user's own.
        new("cursor-user-update", "cursor", SetupScope.User, "new-name", RoundTrips: false),
        new("codex-project-update", "codex", SetupScope.Project, "bob", RoundTrips: false),
    ];

    public static TheoryData<string> Names { get; } = [.. All.Select(scenario => scenario.Name)];

    public static Scenario Named(string name) => All.Single(scenario => scenario.Name == name);

    public SetupRequest Request => new() { Client = Client, Scope = Scope, AgentName = Agent, Command = Command ?? McpServerCommand.OnPath };

    public string InputTree => $"{Name}/input";
    public string AppliedTree => $"{Name}/applied";
    public string RemovedTree => $"{Name}/removed";

    /// <summary>A sandbox holding the scenario's input files.</summary>
    public SetupSandbox CreateSandbox()
    {
        var sandbox = new SetupSandbox();
        if (Golden.TreeExists(InputTree))
        {
            sandbox.Load(Golden.LoadTree(InputTree));
        }
        return sandbox;
    }
}
