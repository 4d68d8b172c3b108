using AgentMesh.Protocol.Errors;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Files;

/// <summary>
/// One file's change, decided in memory before anything is written: what the file will say, whether it needs a
/// backup first, or that it is to be deleted. <see cref="ExecuteAsync"/> carries out a whole run's plans.
/// </summary>
internal sealed record FilePlan
{
    public required FileSnapshot Snapshot { get; init; }
    public required SetupFileKind Kind { get; init; }
    public required SetupFileOutcome Outcome { get; init; }

    /// <summary>The new text for <see cref="SetupFileOutcome.Created"/>, <see cref="SetupFileOutcome.Updated"/>
    /// and <see cref="SetupFileOutcome.Removed"/>.</summary>
    public string? NewText { get; init; }

    /// <summary>The file holds something of the user's, so it is backed up before it changes.</summary>
    public bool NeedsBackup { get; init; }

    public FileCreation Creation { get; init; } = FileCreation.Shared;

    public static async Task<FilePlan> ForApplyAsync(string path, SetupFileKind kind, IFileEditor editor, FileCreation creation, CancellationToken cancellationToken)
    {
        var snapshot = await SetupFileSystem.ReadAsync(path, cancellationToken);
        var text = editor.Apply(snapshot.Text);
        if (snapshot.Text is { } existing)
        {
            return string.Equals(existing, text, StringComparison.Ordinal)
                ? new FilePlan { Snapshot = snapshot, Kind = kind, Outcome = SetupFileOutcome.Unchanged }
                : new FilePlan
                {
                    Snapshot = snapshot,
                    Kind = kind,
                    Outcome = SetupFileOutcome.Updated,
                    NewText = text,
                    NeedsBackup = !editor.IsEmpty(editor.Remove(existing) ?? existing),
                    Creation = creation,
                };
        }
        return new FilePlan { Snapshot = snapshot, Kind = kind, Outcome = SetupFileOutcome.Created, NewText = text, Creation = creation };
    }

    public static async Task<FilePlan> ForRemoveAsync(string path, SetupFileKind kind, IFileEditor editor, FileCreation creation, CancellationToken cancellationToken)
    {
        var snapshot = await SetupFileSystem.ReadAsync(path, cancellationToken);
        if (snapshot.Text is not { } existing || editor.Remove(existing) is not { } rest)
        {
            return new FilePlan { Snapshot = snapshot, Kind = kind, Outcome = SetupFileOutcome.Absent };
        }
        var empty = editor.IsEmpty(rest);
        // A symlinked file (a dotfiles repository) is emptied rather than deleted, so the link keeps working.
        return new FilePlan
        {
            Snapshot = snapshot,
            Kind = kind,
            Outcome = empty && !snapshot.IsSymlink ? SetupFileOutcome.Deleted : SetupFileOutcome.Removed,
            NewText = rest,
            NeedsBackup = !empty,
            Creation = creation,
        };
    }

    /// <summary>Checks that no planned file changed since it was read, then backs up, writes and deletes.</summary>
    public static async Task<IReadOnlyList<SetupFileChange>> ExecuteAsync(IReadOnlyList<FilePlan> plans, CancellationToken cancellationToken)
    {
        foreach (var plan in plans.Where(plan => plan.Outcome is not (SetupFileOutcome.Unchanged or SetupFileOutcome.Absent)))
        {
            if (!await SetupFileSystem.IsUnchangedAsync(plan.Snapshot, cancellationToken))
            {
                throw new MeshException(MeshErrorCode.Conflict,
                    $"{plan.Snapshot.Path} changed while mesh setup was reading it (is the client running and saving it?). mesh setup changed nothing; run it again.");
            }
        }
        var changes = new List<SetupFileChange>(plans.Count);
        foreach (var plan in plans)
        {
            try
            {
                changes.Add(await ExecuteOneAsync(plan, cancellationToken));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var done = changes.Where(change => change.Outcome is not (SetupFileOutcome.Unchanged or SetupFileOutcome.Absent)).Select(change => change.Path).ToList();
                var why = ex is UnauthorizedAccessException ? "permission denied" : "an I/O error";
                throw new MeshException(ex is UnauthorizedAccessException ? MeshErrorCode.Forbidden : MeshErrorCode.InternalError,
                    $"Could not write {plan.Snapshot.Path} ({why}). "
                    + (done.Count == 0 ? "Nothing was changed." : $"Already changed: {string.Join(", ", done)}; run mesh setup again once the file can be written."));
            }
        }
        return changes;
    }

    private static async Task<SetupFileChange> ExecuteOneAsync(FilePlan plan, CancellationToken cancellationToken)
    {
        string? backup = null;
        if (plan.NeedsBackup && plan.Outcome is SetupFileOutcome.Updated or SetupFileOutcome.Removed or SetupFileOutcome.Deleted)
        {
            backup = await SetupFileSystem.BackupAsync(plan.Snapshot, cancellationToken);
        }
        switch (plan.Outcome)
        {
            case SetupFileOutcome.Deleted:
                SetupFileSystem.Delete(plan.Snapshot);
                break;
            case SetupFileOutcome.Created or SetupFileOutcome.Updated or SetupFileOutcome.Removed:
                // NewText is set for every outcome that writes (see the factories above).
                await SetupFileSystem.WriteAsync(plan.Snapshot, plan.NewText!, plan.Creation, cancellationToken);
                break;
        }
        return new SetupFileChange(plan.Snapshot.Path, plan.Kind, plan.Outcome, backup);
    }
}
