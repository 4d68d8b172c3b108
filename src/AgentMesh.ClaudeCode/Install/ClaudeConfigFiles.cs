using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// Where Claude Code keeps what <c>mesh install</c> edits: hooks and statusLine in <c>~/.claude/settings.json</c>,
/// user-scope MCP servers in <c>~/.claude.json</c>. <c>CLAUDE_CONFIG_DIR</c> moves both into that folder.
/// </summary>
public sealed record ClaudeConfigFiles(string SettingsPath, string StatePath)
{
    public const string ConfigDirVariable = "CLAUDE_CONFIG_DIR";

    public static ClaudeConfigFiles Locate(SetupEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Variables(ConfigDirVariable) is { Length: > 0 } configDirectory)
        {
            var folder = Path.GetFullPath(configDirectory, environment.ProjectDirectory);
            return new ClaudeConfigFiles(Path.Combine(folder, "settings.json"), Path.Combine(folder, ".claude.json"));
        }
        return new ClaudeConfigFiles(
            Path.Combine(environment.HomeDirectory, ".claude", "settings.json"),
            Path.Combine(environment.HomeDirectory, ".claude.json"));
    }
}
