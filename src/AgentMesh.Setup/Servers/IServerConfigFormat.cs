namespace AgentMesh.Setup.Servers;

/// <summary>One way clients store MCP servers: JSON under <c>mcpServers</c> or <c>servers</c>, or Codex's TOML.</summary>
internal interface IServerConfigFormat
{
    /// <summary>The editor that adds or removes <paramref name="entry"/> in the file at <paramref name="path"/>
    /// (the path only names the file in error messages).</summary>
    IFileEditor Editor(string path, McpServerEntry entry);

    /// <summary>Whether <paramref name="text"/> configures the mesh server, and how. Never writes.</summary>
    ServerEntryState Inspect(string path, string text);
}

/// <summary>What a configuration file says about the mesh server.</summary>
internal sealed record ServerEntryState(bool Configured, IReadOnlyList<string>? CommandLine, string? AgentName)
{
    public static ServerEntryState Missing { get; } = new(false, null, null);
}
