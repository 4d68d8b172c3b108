using System.Text.Json;
using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests;

/// <summary><c>mesh setup --list</c>: every client and scope, configured or not, as the CLI's JSON.</summary>
public sealed class ListTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_NothingConfigured_ReportsEveryClientAndScope()
    {
        using var sandbox = new SetupSandbox();

        var listing = await sandbox.Service.ListAsync(Cancel);

        Assert.Equal(14, listing.Entries.Count);
        Assert.All(listing.Entries, entry => Assert.False(entry.Configured));
        Assert.All(listing.Entries, entry => Assert.Null(entry.Problem is null || !entry.Supported ? null : entry.Problem));
        var windsurfProject = Assert.Single(listing.Entries, entry => entry is { Client: "windsurf", Scope: SetupScope.Project });
        Assert.False(windsurfProject.Supported);
        Assert.Null(windsurfProject.ConfigPath);
        Assert.Contains("mcp_config.json", windsurfProject.Problem);
    }

    [Fact]
    public async Task List_SomeConfiguredOneBroken_MatchesGoldenJson()
    {
        using var sandbox = new SetupSandbox();
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code", AgentName = "alice" }, Cancel);
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", Scope = SetupScope.Project, Command = Scenario.Dotnet }, Cancel);
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "cursor", Scope = SetupScope.Project }, Cancel);
        sandbox.Write("home/.gemini/settings.json", "{ \"mcpServers\": { \"mesh\": \n");
        sandbox.Write("project/.vscode/mcp.json", "{ \"servers\": { \"other\": { \"command\": \"x\" } } }");

        var listing = await sandbox.Service.ListAsync(Cancel);

        var json = JsonSerializer.Serialize(listing, SetupJsonContext.Default.SetupListing)
            .Replace(JsonEncodedText.Encode(sandbox.Root).ToString(), "$ROOT", StringComparison.Ordinal);
        Golden.AssertText("list/listing.json", json + "\n");
        var claude = Assert.Single(listing.Entries, entry => entry is { Client: "claude-code", Scope: SetupScope.User });
        Assert.True(claude.Configured);
        Assert.True(claude.InstructionsInstalled);
        Assert.Equal("alice", claude.AgentName);
        Assert.Equal(["mesh", "mcp", "--as", "alice"], claude.Command);
        var gemini = Assert.Single(listing.Entries, entry => entry is { Client: "gemini", Scope: SetupScope.User });
        Assert.Contains("settings.json line 2", gemini.Problem);
    }

    [Fact]
    public async Task List_CodexEntry_ReadsCommandAndAgentFromToml()
    {
        using var sandbox = new SetupSandbox();
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", AgentName = "cx", Command = Scenario.Dotnet }, Cancel);

        var listing = await sandbox.Service.ListAsync(Cancel);

        var codex = Assert.Single(listing.Entries, entry => entry is { Client: "codex", Scope: SetupScope.User });
        Assert.True(codex.Configured);
        Assert.Equal(["dotnet", "/opt/agentmesh/mesh.dll", "mcp", "--as", "cx"], codex.Command);
        Assert.Equal("cx", codex.AgentName);
        Assert.Equal(sandbox.PathOf("home/.codex/config.toml"), codex.ConfigPath);
    }

    [Fact]
    public async Task ApplyResult_Serialized_MatchesGoldenJson()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("project/CLAUDE.md", "# Notes\n");

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code", Scope = SetupScope.Project, AgentName = "bob" }, Cancel);

        var json = JsonSerializer.Serialize(result, SetupJsonContext.Default.SetupResult)
            .Replace(JsonEncodedText.Encode(sandbox.Root).ToString(), "$ROOT", StringComparison.Ordinal);
        Golden.AssertText("list/apply-result.json", json + "\n");
    }
}
