using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests.Files;

/// <summary>Modes, symlinks and encodings survive a rewrite; new private files are 0600.</summary>
public sealed class FilePermissionTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;
    private const UnixFileMode GroupReadable = Private | UnixFileMode.GroupRead;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_NewUserConfig_File0600AndNewFolders0700()
    {
        using var sandbox = new SetupSandbox();

        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "kiro" }, Cancel);

        Assert.Equal(Private, File.GetUnixFileMode(sandbox.PathOf("home/.kiro/settings/mcp.json")));
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(sandbox.PathOf("home/.kiro/settings")));
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(sandbox.PathOf("home/.kiro")));
    }

    [Fact]
    public async Task Apply_NewClaudeJson_File0600()
    {
        using var sandbox = new SetupSandbox();

        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code" }, Cancel);

        Assert.Equal(Private, File.GetUnixFileMode(sandbox.PathOf("home/.claude.json")));
    }

    [Fact]
    public async Task Apply_ExistingFileMode_KeptOnFileAndBackup()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("home/.gemini/settings.json", "{\"theme\": \"dark\"}\n");
        File.SetUnixFileMode(sandbox.PathOf("home/.gemini/settings.json"), GroupReadable);

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "gemini" }, Cancel);

        Assert.Equal(GroupReadable, File.GetUnixFileMode(sandbox.PathOf("home/.gemini/settings.json")));
        Assert.Equal(sandbox.PathOf("home/.gemini/settings.json.mesh-backup"), result.Files[0].BackupPath);
        Assert.Equal(GroupReadable, File.GetUnixFileMode(sandbox.PathOf("home/.gemini/settings.json.mesh-backup")));
        Assert.Equal("{\"theme\": \"dark\"}\n", sandbox.Read("home/.gemini/settings.json.mesh-backup"));
    }

    [Fact]
    public async Task Apply_ExistingBackup_NeverOverwritten()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("home/.cursor/mcp.json", "{\"a\": 1}");
        sandbox.Write("home/.cursor/mcp.json.mesh-backup", "the oldest copy");

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "cursor" }, Cancel);

        Assert.Null(result.Files[0].BackupPath);
        Assert.Equal("the oldest copy", sandbox.Read("home/.cursor/mcp.json.mesh-backup"));
    }

    [Fact]
    public async Task Apply_FileHoldingOnlyOurEntry_NotBackedUp()
    {
        using var sandbox = new SetupSandbox();
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", AgentName = "one" }, Cancel);

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", AgentName = "two" }, Cancel);

        Assert.Equal([SetupFileOutcome.Updated, SetupFileOutcome.Unchanged], result.Files.Select(file => file.Outcome));
        Assert.All(result.Files, file => Assert.Null(file.BackupPath));
        Assert.DoesNotContain(sandbox.Snapshot().Keys, path => path.EndsWith(".mesh-backup", StringComparison.Ordinal));
        Assert.Contains("MESH_AGENT = \"two\"", sandbox.Read("home/.codex/config.toml"));
    }

    [Fact]
    public async Task Apply_SymlinkedConfig_LinkKeptAndTargetUpdated()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("dotfiles/claude.json", "{\"numStartups\": 1}\n");
        File.CreateSymbolicLink(sandbox.PathOf("home/.claude.json"), sandbox.PathOf("dotfiles/claude.json"));

        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code" }, Cancel);

        Assert.NotNull(new FileInfo(sandbox.PathOf("home/.claude.json")).LinkTarget);
        Assert.Contains("\"mesh\"", sandbox.Read("dotfiles/claude.json"));
        Assert.Equal("{\"numStartups\": 1}\n", sandbox.Read("home/.claude.json.mesh-backup"));
    }

    [Fact]
    public async Task Remove_SymlinkedFileLeftEmpty_EmptiedNotDeleted()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("dotfiles/AGENTS.md", "");
        File.CreateSymbolicLink(sandbox.PathOf("project/AGENTS.md"), sandbox.PathOf("dotfiles/AGENTS.md"));
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", Scope = SetupScope.Project }, Cancel);

        var result = await sandbox.Service.RemoveAsync("codex", SetupScope.Project, Cancel);

        Assert.Equal(SetupFileOutcome.Removed, result.Files[1].Outcome);
        Assert.NotNull(new FileInfo(sandbox.PathOf("project/AGENTS.md")).LinkTarget);
        Assert.Equal("", sandbox.Read("dotfiles/AGENTS.md"));
        Assert.Equal(SetupFileOutcome.Deleted, result.Files[0].Outcome);
    }

    [Fact]
    public async Task Apply_ByteOrderMark_Kept()
    {
        using var sandbox = new SetupSandbox();
        Directory.CreateDirectory(sandbox.PathOf("project/.vscode"));
        File.WriteAllBytes(sandbox.PathOf("project/.vscode/mcp.json"), [0xEF, 0xBB, 0xBF, .. "{\"servers\": {}}"u8]);

        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "vscode", Scope = SetupScope.Project }, Cancel);

        var bytes = File.ReadAllBytes(sandbox.PathOf("project/.vscode/mcp.json"));
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'{'], bytes[..4]);
        Assert.Single(bytes.AsSpan().ToArray().Where((b, i) => b == 0xEF && i + 2 < bytes.Length && bytes[i + 1] == 0xBB));
    }

    [Fact]
    public async Task Apply_NoTempFilesLeftBehind()
    {
        using var sandbox = new SetupSandbox();

        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "gemini", Scope = SetupScope.Project }, Cancel);

        Assert.DoesNotContain(sandbox.Snapshot().Keys, path => path.Contains("mesh-tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_NewUserInstructionsFolder_0700()
    {
        using var sandbox = new SetupSandbox();

        await sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code" }, Cancel);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(sandbox.PathOf("home/.claude")));
    }

    [Fact]
    public async Task Apply_UnwritableFolder_ForbiddenNamingTheFile()
    {
        // sysfs refuses new files even to root, so this runs the same in CI containers and on a desk.
        Assert.SkipUnless(Directory.Exists("/sys/kernel"), "needs sysfs");
        using var sandbox = new SetupSandbox();
        sandbox.SetVariable("CODEX_HOME", "/sys/kernel");

        var error = await Assert.ThrowsAsync<AgentMesh.Protocol.Errors.MeshException>(() => sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex" }, Cancel));

        Assert.Equal(AgentMesh.Protocol.Errors.MeshErrorCode.Forbidden, error.Code);
        Assert.Equal("Could not write /sys/kernel/config.toml (permission denied). Nothing was changed.", error.Message);
    }
}
