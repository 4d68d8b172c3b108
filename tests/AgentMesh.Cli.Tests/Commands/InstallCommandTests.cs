using System.Text.Json.Nodes;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh install</c> / <c>mesh uninstall</c> through the command line (the file edits are tested in AgentMesh.ClaudeCode.Tests).</summary>
public sealed class InstallCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CliRunner _mesh;

    public InstallCommandTests()
    {
        _mesh = new CliRunner(Path.Combine(_home.Path, "mesh-home"));
        Directory.CreateDirectory(_mesh.Home);
        _mesh.Variables["HOME"] = _home.Path;
        _mesh.Variables["CLAUDE_CONFIG_DIR"] = Path.Combine(_home.Path, "claude");
    }

    private string Settings => Path.Combine(_home.Path, "claude", "settings.json");

    [Fact]
    public async Task Install_ThenUninstall_WritesAndRemovesTheHooksInClaudeConfigDir()
    {
        var installed = await _mesh.RunAsync("install", "--json");

        Assert.Equal(0, installed.ExitCode);
        var result = JsonNode.Parse(installed.Stdout)!;
        Assert.Equal("created", (string?)result["files"]![0]!["outcome"]);
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Settings, TestContext.Current.CancellationToken))!;
        var stop = (string)settings["hooks"]!["Stop"]![0]!["hooks"]![0]!["command"]!;
        Assert.EndsWith(" hook stop", stop);
        Assert.Contains("installed", installed.Stderr);

        var removed = await _mesh.RunAsync("uninstall");

        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("deleted", removed.Stdout);
        Assert.False(File.Exists(Settings));
    }

    [Fact]
    public async Task Install_WithACustomStatusLine_PrintsHowToChainTheMeshLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Settings)!);
        await File.WriteAllTextAsync(Settings, """{"statusLine":{"type":"command","command":"~/.claude/line.sh"}}""", TestContext.Current.CancellationToken);

        var installed = await _mesh.RunAsync("install");

        Assert.Equal(0, installed.ExitCode);
        Assert.Contains("Your own statusLine was left as it is", installed.Stdout);
        Assert.Contains("{ ~/.claude/line.sh; }", installed.Stdout);
        Assert.Contains(" statusline", installed.Stdout);
        Assert.Contains("~/.claude/line.sh", await File.ReadAllTextAsync(Settings, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Hook_ThroughTheParser_FailsOpenWithNoBroker()
    {
        var run = await _mesh.RunAsync(["hook", "stop"], stdin: """{"session_id":"s-1","stop_hook_active":false}""");

        Assert.Equal((0, ""), (run.ExitCode, run.Stdout));
    }

    [Fact]
    public async Task Hook_UnknownEvent_IsAUsageError()
    {
        var run = await _mesh.RunAsync("hook", "pre-tool-use");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("session-start", run.Stderr);
    }

    public void Dispose() => _home.Dispose();
}
