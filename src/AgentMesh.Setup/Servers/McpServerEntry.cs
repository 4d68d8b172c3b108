namespace AgentMesh.Setup.Servers;

/// <summary>
/// The <c>mesh</c> server entry as every client gets it: <c>command</c>, <c>args</c> = the command's own
/// arguments + <c>mcp [--as NAME]</c>, and <c>env</c> = <c>{"MESH_AGENT": NAME}</c> when a name is given.
/// </summary>
internal sealed record McpServerEntry(string Command, IReadOnlyList<string> Arguments, string? AgentName)
{
    /// <summary>The server's name in every client's configuration.</summary>
    public const string ServerName = "mesh";

    public const string AgentVariable = "MESH_AGENT";

    public static McpServerEntry For(McpServerCommand command, string? agentName) =>
        new(command.Command, [.. command.Arguments, "mcp", .. agentName is null ? Array.Empty<string>() : ["--as", agentName]], agentName);

    /// <summary>Used where only removal happens and the entry's content does not matter.</summary>
    public static McpServerEntry ForRemoval { get; } = For(McpServerCommand.OnPath, null);

    /// <summary>The agent name a configured entry sets: <c>MESH_AGENT</c>, else the value after <c>--as</c>.</summary>
    public static string? AgentNameOf(string? environmentValue, IReadOnlyList<string>? arguments)
    {
        if (environmentValue is { Length: > 0 })
        {
            return environmentValue;
        }
        var index = arguments?.ToList().IndexOf("--as") ?? -1;
        return index >= 0 && index + 1 < arguments!.Count ? arguments[index + 1] : null; // index >= 0 implies arguments is not null
    }
}
