namespace AgentMesh.Setup.Files;

/// <summary>
/// A file as read before planning a change: its text (null when it does not exist), its exact bytes for the
/// backup, and what has to survive a rewrite (byte-order mark, permissions, the real file behind a symlink).
/// </summary>
internal sealed record FileSnapshot
{
    public required string Path { get; init; }

    /// <summary>The file that is actually read and written: <see cref="Path"/>, or the final target when it is a symlink.</summary>
    public required string RealPath { get; init; }

    public bool IsSymlink => !string.Equals(Path, RealPath, StringComparison.Ordinal);
    public byte[]? Bytes { get; init; }
    public string? Text { get; init; }
    public bool HasByteOrderMark { get; init; }
    public UnixFileMode? Mode { get; init; }

    public bool Exists => Text is not null;
}
