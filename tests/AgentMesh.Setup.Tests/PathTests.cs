using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests;

/// <summary>Where each client's files are, including the environment variables that move them.</summary>
public sealed class PathTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_ClaudeConfigDir_WritesBothFilesThere()
    {
        using var sandbox = new SetupSandbox();
        sandbox.SetVariable("CLAUDE_CONFIG_DIR", sandbox.PathOf("claude-home"));

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code" }, Cancel);

        Assert.Equal([sandbox.PathOf("claude-home/.claude.json"), sandbox.PathOf("claude-home/CLAUDE.md")], result.Files.Select(file => file.Path));
        Assert.False(sandbox.Exists("home/.claude.json"));
    }

    [Fact]
    public async Task Apply_CodexHome_WritesConfigAndAgentsThere()
    {
        using var sandbox = new SetupSandbox();
        sandbox.SetVariable("CODEX_HOME", sandbox.PathOf("codex-home"));

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex" }, Cancel);

        Assert.Equal([sandbox.PathOf("codex-home/config.toml"), sandbox.PathOf("codex-home/AGENTS.md")], result.Files.Select(file => file.Path));
    }

    [Theory]
    [InlineData(SetupPlatform.Linux, null, null, "home/.config/Code/User/mcp.json")]
    [InlineData(SetupPlatform.Linux, "XDG_CONFIG_HOME", "xdg", "xdg/Code/User/mcp.json")]
    [InlineData(SetupPlatform.MacOS, null, null, "home/Library/Application Support/Code/User/mcp.json")]
    [InlineData(SetupPlatform.Windows, "APPDATA", "roaming", "roaming/Code/User/mcp.json")]
    [InlineData(SetupPlatform.Windows, null, null, "home/AppData/Roaming/Code/User/mcp.json")]
    public async Task List_VsCodeUserProfile_PerPlatform(SetupPlatform platform, string? variable, string? value, string expected)
    {
        using var sandbox = new SetupSandbox(platform);
        if (variable is not null)
        {
            sandbox.SetVariable(variable, sandbox.PathOf(value!)); // value is set whenever variable is
        }

        var listing = await sandbox.Service.ListAsync(Cancel);

        var vscode = Assert.Single(listing.Entries, entry => entry is { Client: "vscode", Scope: SetupScope.User });
        Assert.Equal(sandbox.PathOf(expected), vscode.ConfigPath);
    }

    [Fact]
    public async Task Apply_UserScopeClientWithoutInstructions_SaysWhyInNotes()
    {
        using var sandbox = new SetupSandbox();

        var cursor = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "cursor" }, Cancel);

        Assert.Single(cursor.Files);
        Assert.Contains("--scope project adds .cursor/rules/mesh.mdc", Assert.Single(cursor.Notes));
    }

    [Fact]
    public async Task Apply_Windsurf_WritesItsGlobalRulesBesideTheUsersOwn()
    {
        using var sandbox = new SetupSandbox();
        var rules = sandbox.PathOf("home/.codeium/windsurf/memories/global_rules.md");
        Directory.CreateDirectory(Path.GetDirectoryName(rules)!);
        await File.WriteAllTextAsync(rules, "Always use bun.\n", Cancel);

        var windsurf = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "windsurf" }, Cancel);
        var text = await File.ReadAllTextAsync(rules, Cancel);

        Assert.Equal(2, windsurf.Files.Count);
        Assert.StartsWith("Always use bun.\n", text);
        Assert.Contains("mesh", text);
    }
}
