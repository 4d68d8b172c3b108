using System.Text.Json.Nodes;
using AgentMesh.Protocol.Errors;
using AgentMesh.Setup;
using AgentMesh.Setup.Files;
using AgentMesh.Setup.Json;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// <c>mesh install</c> and <c>mesh uninstall</c> for Claude Code.
/// <list type="bullet">
/// <item>Install puts the hooks and the statusLine into <c>settings.json</c> and the <c>mesh</c> MCP server into
/// <c>.claude.json</c>, keeping every other setting; a user's own statusLine stays (the result says how to chain ours).</item>
/// <item>Before install first changes a file it copies it to <c>&lt;file&gt;.mesh-install-backup</c> (a separate name
/// from <c>mesh setup</c>'s backups); running install again keeps that first copy and changes nothing more.</item>
/// <item>Uninstall puts each key we own back to what the backup had there (or removes it) and keeps everything
/// else as it is now — Claude rewrites <c>.claude.json</c> all the time. When the result says what the backup
/// says, the backup's exact bytes go back; a file install created is deleted again.</item>
/// <item>Every file is read and edited in memory first; one that does not parse stops the run before any write.</item>
/// </list>
/// </summary>
public sealed class ClaudeCodeInstaller(SetupEnvironment environment)
{
    public const string BackupSuffix = ".mesh-install-backup";

    public ClaudeConfigFiles Files { get; } = ClaudeConfigFiles.Locate(environment);

    /// <summary>Puts the hooks and statusLine (<paramref name="commands"/>) and the MCP server (<see cref="MeshCommandLine.Mesh"/>) in.</summary>
    public async Task<InstallResult> InstallAsync(MeshCommandLine commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var mesh = commands.Mesh;
        string? customStatusLine = null;
        var settings = await PlanAsync(Files.SettingsPath, root => customStatusLine = SettingsJson.Apply(root, commands), cancellationToken);
        var state = await PlanAsync(Files.StatePath, root => StateJson.Apply(root, mesh), cancellationToken);
        var changes = new List<InstallFileChange>();
        foreach (var plan in (Edit[])[settings, state])
        {
            changes.Add(await InstallOneAsync(plan, cancellationToken));
        }
        return new InstallResult { Files = changes, CustomStatusLine = customStatusLine, MeshStatusLine = commands.Statusline() };
    }

    /// <summary>Takes out what install added; <paramref name="mesh"/> is the program uninstalling, whose own command lines count as ours whatever it is called.</summary>
    public async Task<InstallResult> UninstallAsync(McpServerCommand mesh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var commands = new MeshCommandLine(mesh);
        var plans = new List<Restoration>();
        foreach (var (path, restore) in ((string, Action<JsonObject, JsonObject>)[])[
            (Files.SettingsPath, (current, before) => SettingsJson.Restore(current, before, commands)),
            (Files.StatePath, StateJson.Restore)])
        {
            plans.Add(await PlanRestoreAsync(path, restore, cancellationToken));
        }
        var changes = new List<InstallFileChange>();
        foreach (var plan in plans)
        {
            changes.Add(await RestoreOneAsync(plan, cancellationToken));
        }
        return new InstallResult { Files = changes };
    }

    private sealed record Edit(FileSnapshot Snapshot, string? NewText);

    private sealed record Restoration(FileSnapshot Snapshot, string? BackupPath, FileSnapshot? Backup, string? NewText, bool Delete, bool Exact);

    private static async Task<Edit> PlanAsync(string path, Action<JsonObject> apply, CancellationToken cancellationToken)
    {
        var snapshot = await SetupFileSystem.ReadAsync(path, cancellationToken);
        var root = Parse(path, snapshot.Text);
        var before = root.DeepClone();
        try
        {
            apply(root);
        }
        catch (MeshException e)
        {
            throw InstallErrors.InFile(path, e);
        }
        if (snapshot.Exists && JsonNode.DeepEquals(before, root))
        {
            return new Edit(snapshot, null);
        }
        RefuseComments(path, snapshot.Text);
        return new Edit(snapshot, JsonConfigText.Write(root, JsonStyle.Of(snapshot.Text)));
    }

    private static async Task<InstallFileChange> InstallOneAsync(Edit plan, CancellationToken cancellationToken)
    {
        var snapshot = plan.Snapshot;
        if (plan.NewText is null)
        {
            return new InstallFileChange(snapshot.Path, SetupFileOutcome.Unchanged);
        }
        await RequireUnchangedAsync(snapshot, cancellationToken);
        string? backup = null;
        if (snapshot.Exists)
        {
            backup = await SetupFileSystem.BackupAsync(snapshot, cancellationToken, BackupSuffix);
        }
        await SetupFileSystem.WriteAsync(snapshot, plan.NewText, FileCreation.UserConfig, cancellationToken);
        return new InstallFileChange(snapshot.Path, snapshot.Exists ? SetupFileOutcome.Updated : SetupFileOutcome.Created, backup);
    }

    private static async Task<Restoration> PlanRestoreAsync(string path, Action<JsonObject, JsonObject> restore, CancellationToken cancellationToken)
    {
        var snapshot = await SetupFileSystem.ReadAsync(path, cancellationToken);
        var backupPath = path + BackupSuffix;
        var backup = File.Exists(backupPath) ? await SetupFileSystem.ReadAsync(backupPath, cancellationToken) : null;
        if (!snapshot.Exists)
        {
            return new Restoration(snapshot, backupPath, backup, null, Delete: false, Exact: false);
        }
        var current = Parse(path, snapshot.Text);
        var before = backup is null ? [] : Parse(backupPath, backup.Text);
        var original = current.DeepClone();
        restore(current, before);
        if (JsonNode.DeepEquals(current, original))
        {
            return new Restoration(snapshot, backupPath, backup, null, Delete: false, Exact: false); // nothing of ours there
        }
        if (JsonNode.DeepEquals(current, before))
        {
            // Nothing changed since install but our part: the file goes back to exactly what it was.
            return new Restoration(snapshot, backupPath, backup, backup?.Text, Delete: backup is null, Exact: backup is not null);
        }
        RefuseComments(path, snapshot.Text);
        return new Restoration(snapshot, backupPath, backup, JsonConfigText.Write(current, JsonStyle.Of(snapshot.Text)), Delete: false, Exact: false);
    }

    private static async Task<InstallFileChange> RestoreOneAsync(Restoration plan, CancellationToken cancellationToken)
    {
        var snapshot = plan.Snapshot;
        if (!plan.Delete && plan.NewText is null)
        {
            DeleteBackup(plan);
            return new InstallFileChange(snapshot.Path, SetupFileOutcome.Absent);
        }
        await RequireUnchangedAsync(snapshot, cancellationToken);
        if (plan.Delete)
        {
            SetupFileSystem.Delete(snapshot);
            return new InstallFileChange(snapshot.Path, SetupFileOutcome.Deleted);
        }
        // The backup's byte-order mark comes back with its text when restoring exactly.
        var target = plan.Exact && plan.Backup is { } backup ? snapshot with { HasByteOrderMark = backup.HasByteOrderMark } : snapshot;
        await SetupFileSystem.WriteAsync(target, plan.NewText!, FileCreation.UserConfig, cancellationToken); // NewText is set unless Delete
        DeleteBackup(plan);
        return new InstallFileChange(snapshot.Path, SetupFileOutcome.Removed, RestoredExactly: plan.Exact);
    }

    private static void DeleteBackup(Restoration plan)
    {
        if (plan.Backup is not null && plan.BackupPath is { } path)
        {
            File.Delete(path);
        }
    }

    private static JsonObject Parse(string path, string? text)
    {
        try
        {
            return JsonConfigText.Parse(path, text ?? "");
        }
        catch (MeshException e)
        {
            throw new MeshException(e.Code, e.Message.Replace("mesh setup", "mesh install", StringComparison.Ordinal), e);
        }
    }

    private static void RefuseComments(string path, string? text)
    {
        if (text is not null && JsonConfigText.FirstCommentLine(text) is { } line)
        {
            throw new MeshException(MeshErrorCode.Conflict,
                $"{path} line {line}: has comments, which rewriting the file would drop. Remove them and run the command again; nothing was changed.");
        }
    }

    private static async Task RequireUnchangedAsync(FileSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!await SetupFileSystem.IsUnchangedAsync(snapshot, cancellationToken))
        {
            throw new MeshException(MeshErrorCode.Conflict,
                $"{snapshot.Path} changed while mesh was editing it (Claude Code saves it while it runs). Run the command again.");
        }
    }
}
