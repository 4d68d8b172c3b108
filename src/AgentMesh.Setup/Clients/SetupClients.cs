using AgentMesh.Setup.Json;
using AgentMesh.Setup.Toml;

namespace AgentMesh.Setup.Clients;

/// <summary>
/// Every client setup supports, with its files per scope (see docs: landscape §2a/§2d). Instructions files are
/// the ones each client reads by itself: Claude Code's CLAUDE.md, Codex's AGENTS.md, Gemini's GEMINI.md, a
/// Cursor project rule, a Kiro steering file, a VS Code instructions file and Windsurf's global rules
/// (<c>~/.codeium/windsurf/memories/global_rules.md</c>, a marked block beside the user's own rules). The user
/// scope of Cursor and VS Code keeps such text in their settings UI, so setup writes none there and says so.
/// </summary>
internal static class SetupClients
{
    private static readonly JsonServerConfig _mcpServers = new("mcpServers", writesType: false);
    private static readonly JsonServerConfig _mcpServersTyped = new("mcpServers", writesType: true);
    private static readonly JsonServerConfig _vsCodeServers = new("servers", writesType: true);

    private const string DescriptionLine = "description: Working with other coding agents through the AgentMesh MCP server";

    public static SetupClient ClaudeCode { get; } = new("claude-code", "Claude Code", _mcpServersTyped, (environment, scope) =>
    {
        if (scope == SetupScope.Project)
        {
            return new ClientFiles
            {
                ConfigPath = environment.InProject(".mcp.json"),
                Instructions = new InstructionsFile(environment.InProject("CLAUDE.md")),
                Notes = ["Claude Code asks each person to approve the servers in .mcp.json the first time it starts in this project."],
            };
        }
        // CLAUDE_CONFIG_DIR moves both ~/.claude.json and ~/.claude/ into that folder.
        var configDirectory = environment.Variable("CLAUDE_CONFIG_DIR");
        return new ClientFiles
        {
            ConfigPath = configDirectory is null ? environment.InHome(".claude.json") : Path.Combine(configDirectory, ".claude.json"),
            Instructions = new InstructionsFile(Path.Combine(configDirectory ?? environment.InHome(".claude"), "CLAUDE.md")),
        };
    });

    public static SetupClient Cursor { get; } = new("cursor", "Cursor", _mcpServers, (environment, scope) => scope == SetupScope.Project
        ? new ClientFiles
        {
            ConfigPath = environment.InProject(".cursor", "mcp.json"),
            Instructions = new InstructionsFile(environment.InProject(".cursor", "rules", "mesh.mdc"), $"---\n{DescriptionLine}\nalwaysApply: true\n---\n"),
        }
        : new ClientFiles
        {
            ConfigPath = environment.InHome(".cursor", "mcp.json"),
            Notes = ["Cursor keeps user rules in its settings, not in a file, so no instructions were written; --scope project adds .cursor/rules/mesh.mdc."],
        });

    public static SetupClient VsCode { get; } = new("vscode", "VS Code", _vsCodeServers, (environment, scope) => scope == SetupScope.Project
        ? new ClientFiles
        {
            ConfigPath = environment.InProject(".vscode", "mcp.json"),
            Instructions = new InstructionsFile(environment.InProject(".github", "instructions", "mesh.instructions.md"), $"---\n{DescriptionLine}\napplyTo: \"**\"\n---\n"),
        }
        : new ClientFiles
        {
            ConfigPath = Path.Combine(VsCodeUserFolder(environment), "mcp.json"),
            Notes = ["No user-level instructions were written for VS Code; --scope project adds .github/instructions/mesh.instructions.md."],
        });

    public static SetupClient Windsurf { get; } = new("windsurf", "Windsurf", _mcpServers, (environment, scope) => scope == SetupScope.Project
        ? null
        : new ClientFiles
        {
            ConfigPath = environment.InHome(".codeium", "windsurf", "mcp_config.json"),
            Instructions = new InstructionsFile(environment.InHome(".codeium", "windsurf", "memories", "global_rules.md")),
        },
        Unsupported: _ => "Windsurf reads MCP servers only from ~/.codeium/windsurf/mcp_config.json; run 'mesh setup windsurf' without --scope project.")
    {
        Scopes = [SetupScope.User],
    };

    public static SetupClient Codex { get; } = new("codex", "Codex", new TomlServerConfig(), (environment, scope) =>
    {
        if (scope == SetupScope.Project)
        {
            return new ClientFiles
            {
                ConfigPath = environment.InProject(".codex", "config.toml"),
                Instructions = new InstructionsFile(environment.InProject("AGENTS.md")),
                Notes = ["Codex reads .codex/config.toml only in projects you have marked as trusted."],
            };
        }
        var home = environment.Variable("CODEX_HOME") ?? environment.InHome(".codex");
        return new ClientFiles
        {
            ConfigPath = Path.Combine(home, "config.toml"),
            Instructions = new InstructionsFile(Path.Combine(home, "AGENTS.md")),
        };
    });

    public static SetupClient Gemini { get; } = new("gemini", "Gemini CLI", _mcpServers, (environment, scope) => scope == SetupScope.Project
        ? new ClientFiles
        {
            ConfigPath = environment.InProject(".gemini", "settings.json"),
            Instructions = new InstructionsFile(environment.InProject("GEMINI.md")),
        }
        : new ClientFiles
        {
            ConfigPath = environment.InHome(".gemini", "settings.json"),
            Instructions = new InstructionsFile(environment.InHome(".gemini", "GEMINI.md")),
        });

    public static SetupClient Kiro { get; } = new("kiro", "Kiro", _mcpServers, (environment, scope) =>
    {
        var root = scope == SetupScope.Project ? environment.InProject(".kiro") : environment.InHome(".kiro");
        return new ClientFiles
        {
            ConfigPath = Path.Combine(root, "settings", "mcp.json"),
            Instructions = new InstructionsFile(Path.Combine(root, "steering", "mesh.md"), "---\ninclusion: always\n---\n"),
        };
    });

    /// <summary>In the order the issue and <c>--list</c> show them.</summary>
    public static IReadOnlyList<SetupClient> All { get; } = [ClaudeCode, Cursor, VsCode, Windsurf, Codex, Gemini, Kiro];

    public static SetupClient Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return All.FirstOrDefault(client => client.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw SetupErrors.InvalidRequest($"Unknown client '{name}'. Use one of: {string.Join(", ", All.Select(client => client.Name))}.");
    }

    /// <summary>The VS Code user profile folder: <c>~/.config/Code/User</c> on Linux (honouring XDG_CONFIG_HOME),
    /// <c>~/Library/Application Support/Code/User</c> on macOS, <c>%APPDATA%\Code\User</c> on Windows.</summary>
    private static string VsCodeUserFolder(SetupEnvironment environment) => environment.Platform switch
    {
        SetupPlatform.Windows => Path.Combine(environment.Variable("APPDATA") ?? environment.InHome("AppData", "Roaming"), "Code", "User"),
        SetupPlatform.MacOS => environment.InHome("Library", "Application Support", "Code", "User"),
        _ => Path.Combine(environment.Variable("XDG_CONFIG_HOME") ?? environment.InHome(".config"), "Code", "User"),
    };
}
