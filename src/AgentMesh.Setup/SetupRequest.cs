namespace AgentMesh.Setup;

/// <summary>What <c>mesh setup &lt;client&gt; [--scope user|project] [--name AGENT]</c> asks for.</summary>
public sealed record SetupRequest
{
    /// <summary>The client's name as on the command line: <c>claude-code</c>, <c>cursor</c>, <c>vscode</c>, …</summary>
    public required string Client { get; init; }

    public SetupScope Scope { get; init; } = SetupScope.User;

    /// <summary>The agent name the server registers as (<c>--as NAME</c> and <c>MESH_AGENT</c>); null lets
    /// <c>mesh mcp</c> pick one itself (the project folder's name).</summary>
    public string? AgentName { get; init; }

    /// <summary>How the client starts the mesh; <see cref="McpServerCommand.OnPath"/> unless the CLI knows better.</summary>
    public McpServerCommand Command { get; init; } = McpServerCommand.OnPath;
}
