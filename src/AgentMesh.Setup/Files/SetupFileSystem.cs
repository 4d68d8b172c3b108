using System.Security.Cryptography;
using System.Text;

namespace AgentMesh.Setup.Files;

/// <summary>
/// Reads and writes the files setup edits. Writes are atomic (a temp file in the same folder, then a rename)
/// so a client reading its configuration never sees half a file; the rename goes to the real file behind a
/// symlink so dotfile links survive; the mode of an existing file is kept, and new files and folders get the
/// modes of their <see cref="FileCreation"/>.
/// </summary>
internal static class SetupFileSystem
{
    public const string BackupSuffix = ".mesh-backup";

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = PrivateFile | UnixFileMode.UserExecute;
    private static readonly byte[] _byteOrderMark = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<FileSnapshot> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var realPath = RealPath(path);
        if (Directory.Exists(realPath))
        {
            throw SetupErrors.Unparsable(path, null, "is a folder, not a file");
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(realPath, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileSnapshot { Path = path, RealPath = realPath };
        }
        catch (UnauthorizedAccessException)
        {
            throw SetupErrors.Unparsable(path, null, "cannot be read with your permissions");
        }
        catch (IOException)
        {
            throw SetupErrors.Unparsable(path, null, "cannot be read (is a folder on its path a file?)");
        }
        var bom = bytes.AsSpan().StartsWith(_byteOrderMark);
        string text;
        try
        {
            text = _strictUtf8.GetString(bytes.AsSpan(bom ? _byteOrderMark.Length : 0));
        }
        catch (DecoderFallbackException)
        {
            throw SetupErrors.Unparsable(path, null, "is not UTF-8 text");
        }
        return new FileSnapshot
        {
            Path = path,
            RealPath = realPath,
            Bytes = bytes,
            Text = text,
            HasByteOrderMark = bom,
            Mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(realPath),
        };
    }

    /// <summary>True when the file still has the bytes it had when <paramref name="snapshot"/> was taken.</summary>
    public static async Task<bool> IsUnchangedAsync(FileSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = await ReadAsync(snapshot.Path, cancellationToken);
        return now.Bytes is null ? snapshot.Bytes is null : snapshot.Bytes is not null && now.Bytes.AsSpan().SequenceEqual(snapshot.Bytes);
    }

    /// <summary>Copies the file to <c>&lt;file&gt;.mesh-backup</c> (or another <paramref name="suffix"/>) with the same mode, unless a backup already exists.</summary>
    /// <returns>The backup's path, or null when there already was one.</returns>
    public static async Task<string?> BackupAsync(FileSnapshot snapshot, CancellationToken cancellationToken, string suffix = BackupSuffix)
    {
        var bytes = snapshot.Bytes ?? throw new InvalidOperationException($"{snapshot.Path} does not exist; there is nothing to back up.");
        var backup = snapshot.Path + suffix;
        if (File.Exists(backup) || Directory.Exists(backup))
        {
            return null;
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (snapshot.Mode is { } mode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }
        try
        {
            await using (var stream = new FileStream(backup, options))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
        }
        catch (IOException) when (File.Exists(backup))
        {
            return null; // another run made it first; theirs is the older copy
        }
        if (snapshot.Mode is { } exact && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(backup, exact); // the create mode went through the umask
        }
        return backup;
    }

    /// <summary>Replaces (or creates) the file with <paramref name="text"/>, keeping its mode and byte-order mark.</summary>
    public static async Task WriteAsync(FileSnapshot snapshot, string text, FileCreation creation, CancellationToken cancellationToken)
    {
        var target = snapshot.RealPath;
        var folder = Path.GetDirectoryName(target) ?? ".";
        CreateFolder(folder, creation.PrivateFolders);
        var mode = snapshot.Mode ?? (creation.PrivateFile && !OperatingSystem.IsWindows() ? PrivateFile : null);
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}.mesh-tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is { } createMode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = createMode;
        }
        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                if (snapshot.HasByteOrderMark)
                {
                    await stream.WriteAsync(_byteOrderMark, cancellationToken);
                }
                await stream.WriteAsync(_strictUtf8.GetBytes(text), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            if (mode is { } exact && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, exact); // the create mode went through the umask
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Deletes the file (the link itself when it is a symlink).</summary>
    public static void Delete(FileSnapshot snapshot) => File.Delete(snapshot.Path);

    private static void CreateFolder(string folder, bool isPrivate)
    {
        if (!isPrivate || OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; every folder we create gets it.
        var missing = new Stack<string>();
        for (var current = folder; !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }
        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next, PrivateFolder);
        }
    }

    private static string RealPath(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }
}
