using System.Text.Json.Nodes;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Install;
using AgentMesh.Protocol.Errors;
using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Tests.Install;

/// <summary>
/// <c>mesh install</c> / <c>mesh uninstall</c> on real files: golden results for a fresh home, a merge into
/// existing settings, and a custom statusLine; idempotency; uninstall putting back exactly what was there.
/// </summary>
public sealed class InstallTests
{
    private const string UserSettings = """
        {
            "model": "opus",
            "permissions": {
                "allow": ["Bash(git *)"]
            },
            "hooks": {
                "Stop": [
                    { "hooks": [ { "type": "command", "command": "notify-send 'claude is done'" } ] }
                ],
                "PreToolUse": [
                    { "matcher": "Bash", "hooks": [ { "type": "command", "command": "~/bin/guard.sh" } ] }
                ]
            }
        }

        """;

    private const string ClaudeState = """
        {
          "numStartups": 3,
          "hasCompletedOnboarding": true,
          "mcpServers": {
            "github": {
              "type": "http",
              "url": "https://api.githubcopilot.com/mcp/"
            }
          },
          "projects": {
            "/home/dev/api": {
              "hasTrustDialogAccepted": true
            }
          }
        }
        """;

    [Fact]
    public async Task Install_FreshHome_WritesHooksStatusLineAndMcpServer_UninstallLeavesNothing()
    {
        using var sandbox = new InstallSandbox();

        var installed = await sandbox.InstallAsync();

        Assert.Equal([SetupFileOutcome.Created, SetupFileOutcome.Created], installed.Files.Select(f => f.Outcome));
        Assert.All(installed.Files, f => Assert.Null(f.BackupPath));
        Assert.Null(installed.CustomStatusLine);
        GoldenFile.AssertBytes("fresh/settings.json", sandbox.Bytes(sandbox.SettingsPath)!);
        GoldenFile.AssertBytes("fresh/claude.json", sandbox.Bytes(sandbox.StatePath)!);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.SettingsPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.StatePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(sandbox.SettingsPath)!));
        }

        var removed = await sandbox.UninstallAsync();

        Assert.Equal([SetupFileOutcome.Deleted, SetupFileOutcome.Deleted], removed.Files.Select(f => f.Outcome));
        Assert.Empty(sandbox.Tree());
    }

    [Fact]
    public async Task Install_ExistingSettings_MergesAndBacksUp_UninstallRestoresByteForByte()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);
        sandbox.Write(sandbox.StatePath, ClaudeState);
        var before = sandbox.Tree();

        var installed = await sandbox.InstallAsync();

        Assert.Equal([SetupFileOutcome.Updated, SetupFileOutcome.Updated], installed.Files.Select(f => f.Outcome));
        Assert.Equal(before.Values, installed.Files.Select(f => File.ReadAllBytes(f.BackupPath!)).Reverse().ToList()); // sorted tree: .claude.json first
        GoldenFile.AssertBytes("merge/settings.json", sandbox.Bytes(sandbox.SettingsPath)!);
        GoldenFile.AssertBytes("merge/claude.json", sandbox.Bytes(sandbox.StatePath)!);

        var removed = await sandbox.UninstallAsync();

        Assert.All(removed.Files, f => Assert.True(f.RestoredExactly));
        Assert.Equal(before, sandbox.Tree());
    }

    [Fact]
    public async Task Install_CustomStatusLine_IsLeftAlone_AndTheResultSaysHowToChainOurs()
    {
        using var sandbox = new InstallSandbox();
        const string settings = """{"statusLine":{"type":"command","command":"~/.claude/statusline.sh"},"theme":"dark"}""";
        sandbox.Write(sandbox.SettingsPath, settings);

        var installed = await sandbox.InstallAsync();

        Assert.Equal("~/.claude/statusline.sh", installed.CustomStatusLine);
        Assert.Equal("/opt/agentmesh/mesh statusline", installed.MeshStatusLine);
        GoldenFile.AssertBytes("custom-statusline/settings.json", sandbox.Bytes(sandbox.SettingsPath)!);
        Assert.Equal(
            "input=$(cat); printf '%s' \"$input\" | { ~/.claude/statusline.sh; }; printf '%s' \"$input\" | /opt/agentmesh/mesh statusline",
            StatusLineChain.Command(installed.CustomStatusLine!, installed.MeshStatusLine!));

        await sandbox.UninstallAsync();

        Assert.Equal(settings, File.ReadAllText(sandbox.SettingsPath));
        Assert.False(File.Exists(sandbox.StatePath));
    }

    [Fact]
    public async Task Install_Twice_ChangesNothingTheSecondTime_AndKeepsTheFirstBackup()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);
        await sandbox.InstallAsync();
        var once = sandbox.Tree();

        var again = await sandbox.InstallAsync();

        Assert.False(again.Changed);
        Assert.All(again.Files, f => Assert.Equal(SetupFileOutcome.Unchanged, f.Outcome));
        Assert.Equal(once, sandbox.Tree());
    }

    [Fact]
    public async Task Install_FromAnotherMeshPath_ReplacesOurEntriesInPlace()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);
        await sandbox.InstallAsync();

        await sandbox.InstallAsync(new McpServerCommand("/usr/share/dotnet/dotnet", ["/home/dev/My Tools/mesh.dll"]));

        var text = File.ReadAllText(sandbox.SettingsPath);
        Assert.DoesNotContain("/opt/agentmesh/mesh", text);
        Assert.Single(text.Split("hook stop").Skip(1));
        Assert.Contains("/usr/share/dotnet/dotnet '/home/dev/My Tools/mesh.dll' hook stop", text);
        Assert.Contains("notify-send", text);

        await sandbox.UninstallAsync();
        Assert.Equal(UserSettings, File.ReadAllText(sandbox.SettingsPath));
    }

    [Fact]
    public async Task Install_WithMeshHookNextToMesh_HooksAndStatusLineRunIt_UninstallRestoresByteForByte()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);

        var installed = await sandbox.InstallAsync(new MeshCommandLine(InstallSandbox.Mesh, "/opt/agentmesh/mesh-hook"));

        var settings = JsonNode.Parse(File.ReadAllText(sandbox.SettingsPath))!;
        foreach (var (hookEvent, claudeEvent) in HookRunner.Events)
        {
            var groups = settings["hooks"]![claudeEvent]!.AsArray();
            Assert.Equal($"/opt/agentmesh/mesh-hook {hookEvent}", (string?)groups[^1]!["hooks"]![0]!["command"]);
        }
        Assert.Equal("/opt/agentmesh/mesh-hook statusline", (string?)settings["statusLine"]!["command"]);
        Assert.Equal("/opt/agentmesh/mesh-hook statusline", installed.MeshStatusLine);
        Assert.Equal("/opt/agentmesh/mesh", (string?)JsonNode.Parse(File.ReadAllText(sandbox.StatePath))!["mcpServers"]!["mesh"]!["command"]);

        await sandbox.UninstallAsync();

        Assert.Equal(UserSettings, File.ReadAllText(sandbox.SettingsPath));
        Assert.False(File.Exists(sandbox.StatePath));
    }

    [Fact]
    public async Task Install_MeshHookComesAndGoes_OurEntriesSwitchInPlace()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);
        await sandbox.InstallAsync();

        await sandbox.InstallAsync(new MeshCommandLine(InstallSandbox.Mesh, "/opt/agentmesh/mesh-hook"));

        var text = File.ReadAllText(sandbox.SettingsPath);
        Assert.DoesNotContain("/opt/agentmesh/mesh hook", text);
        Assert.Single(text.Split("mesh-hook stop").Skip(1));
        Assert.Contains("notify-send", text);

        await sandbox.InstallAsync();

        text = File.ReadAllText(sandbox.SettingsPath);
        Assert.DoesNotContain("mesh-hook", text);
        Assert.Single(text.Split("/opt/agentmesh/mesh hook stop").Skip(1));
        Assert.Contains("\"command\": \"/opt/agentmesh/mesh statusline\"", text);

        await sandbox.UninstallAsync();
        Assert.Equal(UserSettings, File.ReadAllText(sandbox.SettingsPath));
    }

    [Fact]
    public async Task Uninstall_AfterClaudeRewroteItsStateFile_KeepsClaudesChanges_AndTakesOutOnlyOurs()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);
        sandbox.Write(sandbox.StatePath, ClaudeState);
        await sandbox.InstallAsync();
        var state = File.ReadAllText(sandbox.StatePath).Replace("\"numStartups\": 3", "\"numStartups\": 4", StringComparison.Ordinal);
        sandbox.Write(sandbox.StatePath, state);

        var removed = await sandbox.UninstallAsync();

        Assert.Equal(UserSettings, File.ReadAllText(sandbox.SettingsPath));
        var after = File.ReadAllText(sandbox.StatePath);
        Assert.Contains("\"numStartups\": 4", after);
        Assert.Contains("\"github\"", after);
        Assert.DoesNotContain("\"mesh\"", after);
        Assert.False(removed.Files[1].RestoredExactly);
        Assert.False(File.Exists(sandbox.StatePath + ClaudeCodeInstaller.BackupSuffix));
    }

    [Fact]
    public async Task Uninstall_PutsBackAMeshServerThatMeshSetupHadAddedBefore()
    {
        using var sandbox = new InstallSandbox();
        const string setUp = """
            {
              "mcpServers": {
                "mesh": {
                  "type": "stdio",
                  "command": "mesh",
                  "args": ["mcp", "--as", "reviewer"],
                  "env": { "MESH_AGENT": "reviewer" }
                }
              }
            }
            """;
        sandbox.Write(sandbox.StatePath, setUp);

        await sandbox.InstallAsync();
        Assert.Contains("\"/opt/agentmesh/mesh\"", File.ReadAllText(sandbox.StatePath));
        await sandbox.UninstallAsync();

        Assert.Equal(setUp, File.ReadAllText(sandbox.StatePath));
    }

    [Fact]
    public async Task Install_HonoursClaudeConfigDir()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Variables["CLAUDE_CONFIG_DIR"] = Path.Combine(sandbox.Home, "work-claude");

        var installed = await sandbox.InstallAsync();

        Assert.Equal([Path.Combine(sandbox.Home, "work-claude", "settings.json"), Path.Combine(sandbox.Home, "work-claude", ".claude.json")],
            installed.Files.Select(f => f.Path));
        Assert.False(File.Exists(Path.Combine(sandbox.Home, ".claude.json")));
    }

    [Fact]
    public async Task Install_SettingsThatDoNotParse_ChangesNothing()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, "{ \"model\": ");
        var before = sandbox.Tree();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.InstallAsync());

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains(sandbox.SettingsPath, error.Message);
        Assert.Equal(before, sandbox.Tree());
    }

    [Fact]
    public async Task Uninstall_NothingInstalled_ChangesNothing()
    {
        using var sandbox = new InstallSandbox();
        sandbox.Write(sandbox.SettingsPath, UserSettings);

        var removed = await sandbox.UninstallAsync();

        Assert.False(removed.Changed);
        Assert.Equal(UserSettings, File.ReadAllText(sandbox.SettingsPath));
    }
}
