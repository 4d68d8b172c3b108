using System.Text.Json.Nodes;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

public sealed class SetupCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CliRunner _mesh;

    public SetupCommandTests()
    {
        _mesh = new CliRunner(Path.Combine(_home.Path, "mesh-home"));
        Directory.CreateDirectory(_mesh.Home);
        _mesh.Variables["HOME"] = _home.Path;
    }

    private string ClaudeJson => Path.Combine(_home.Path, ".claude.json");

    [Fact]
    public async Task Setup_ClaudeCode_AddsTheMeshServerToClaudeJson()
    {
        var result = await _mesh.RunAsync("setup", "claude-code", "--name", "alice");

        Assert.Equal(0, result.ExitCode);
        var server = JsonNode.Parse(await File.ReadAllTextAsync(ClaudeJson, TestContext.Current.CancellationToken))?["mcpServers"]?["mesh"];
        Assert.NotNull(server);
        var args = server["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("mcp", args);
        Assert.Equal("alice", args[args.IndexOf("--as") + 1]);
        Assert.Contains(".claude.json", result.Stdout);
    }

    [Fact]
    public async Task Setup_Twice_SecondRunChangesNothing()
    {
        await _mesh.RunAsync("setup", "claude-code");
        var before = await File.ReadAllTextAsync(ClaudeJson, TestContext.Current.CancellationToken);

        var again = await _mesh.RunAsync("setup", "claude-code");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing changed", again.Stdout);
        Assert.Equal(before, await File.ReadAllTextAsync(ClaudeJson, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Setup_ListJson_ShowsWhatIsConfigured()
    {
        await _mesh.RunAsync("setup", "cursor");

        var result = await _mesh.RunAsync("setup", "--list", "--json");

        Assert.Equal(0, result.ExitCode);
        var entries = JsonNode.Parse(result.Stdout)!["entries"]!.AsArray();
        Assert.Contains(entries, e => e!["client"]!.GetValue<string>() == "cursor" && e["scope"]!.GetValue<string>() == "user" && e["configured"]!.GetValue<bool>());
        Assert.Contains(entries, e => e!["client"]!.GetValue<string>() == "codex" && !e["configured"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Setup_Remove_TakesOutOnlyTheMeshEntry()
    {
        await File.WriteAllTextAsync(ClaudeJson, """{"theme":"dark","mcpServers":{"other":{"command":"x"}}}""", TestContext.Current.CancellationToken);
        await _mesh.RunAsync("setup", "claude-code");

        var result = await _mesh.RunAsync("setup", "claude-code", "--remove");

        Assert.Equal(0, result.ExitCode);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(ClaudeJson, TestContext.Current.CancellationToken))!;
        Assert.Null(config["mcpServers"]!["mesh"]);
        Assert.NotNull(config["mcpServers"]!["other"]);
        Assert.Equal("dark", config["theme"]!.GetValue<string>());
    }

    [Fact]
    public async Task Setup_UnparsableConfig_RefusesAndLeavesItAlone()
    {
        await File.WriteAllTextAsync(ClaudeJson, "{ this is not json", TestContext.Current.CancellationToken);

        var result = await _mesh.RunAsync("setup", "claude-code");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(".claude.json", Assert.Single(result.StderrLines));
        Assert.Equal("{ this is not json", await File.ReadAllTextAsync(ClaudeJson, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Setup_NoClient_IsAUsageErrorNamingTheClients()
    {
        var result = await _mesh.RunAsync("setup");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("claude-code", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Setup_WindsurfProjectScope_IsRefused()
    {
        var result = await _mesh.RunAsync("setup", "windsurf", "--scope", "project");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("windsurf", Assert.Single(result.StderrLines), StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _home.Dispose();
}
