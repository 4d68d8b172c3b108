namespace AgentMesh.Terminal.Agents;

/// <summary>
/// The lock a delivery daemon holds for its whole life (<c>&lt;name&gt;.lock</c>, an exclusive advisory lock
/// that the kernel drops when the process dies). It answers "does a daemon run for this agent?" without
/// trusting a pid that may have been reused after a reboot, and it keeps a second daemon from starting.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream _stream;

    private DaemonLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null when a running daemon holds it.</summary>
    public static DaemonLock? TryAcquire(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            return new DaemonLock(new FileStream(path, options));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether some process holds the lock right now.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        using var probe = TryAcquire(path);
        return probe is null;
    }

    public void Dispose() => _stream.Dispose();
}
