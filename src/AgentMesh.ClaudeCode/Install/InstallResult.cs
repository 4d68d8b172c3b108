using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>What <c>mesh install</c> or <c>mesh uninstall</c> did.</summary>
public sealed record InstallResult
{
    public required IReadOnlyList<InstallFileChange> Files { get; init; }

    /// <summary>The user's own statusLine command, left alone by install; null when ours is in place.</summary>
    public string? CustomStatusLine { get; init; }

    /// <summary>The statusline command of ours, for chaining into <see cref="CustomStatusLine"/>.</summary>
    public string? MeshStatusLine { get; init; }

    public bool Changed => Files.Any(f => f.Outcome is not (SetupFileOutcome.Unchanged or SetupFileOutcome.Absent));
}

/// <summary>One file: what happened to it; the backup taken first (install); whether uninstall put the backup's exact bytes back.</summary>
public sealed record InstallFileChange(string Path, SetupFileOutcome Outcome, string? BackupPath = null, bool RestoredExactly = false);
