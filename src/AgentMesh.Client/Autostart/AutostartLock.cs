namespace AgentMesh.Client.Autostart;

/// <summary>
/// An exclusive lock on <c>$MESH_HOME/autostart.lock</c> that serialises broker starts across processes.
/// On Unix, <see cref="FileShare.None"/> is an advisory <c>flock(LOCK_EX)</c> held per open file, so it
/// works between processes and between two clients in one process, and the kernel releases it if the
/// holder dies. The OS has no "wait for the lock" call we can cancel, so we retry on a short interval.
/// </summary>
internal sealed class AutostartLock : IDisposable
{
    private static readonly TimeSpan _retryInterval = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _stream;

    private AutostartLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null if someone else still holds it at <paramref name="deadline"/>.</summary>
    public static async Task<AutostartLock?> TryAcquireAsync(
        string path, DateTimeOffset deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new AutostartLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(_retryInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
