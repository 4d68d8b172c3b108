using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Client.Autostart;

/// <summary>
/// Lazy autostart: when no broker answers, start exactly one. Under the autostart lock it asks again
/// whether a broker answers (another client may have started one while we waited for the lock), and only
/// if none does launches one and waits for it to answer. Two clients racing therefore start one broker.
/// </summary>
internal sealed class BrokerAutostart(
    MeshHome home,
    IBrokerLauncher launcher,
    Func<CancellationToken, Task<bool>> isAnswering,
    TimeSpan startTimeout,
    TimeProvider time,
    TimeSpan? lockTimeout = null)
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Returns once a broker answers: true if this call started it, false if one already ran. Throws
    /// <see cref="MeshErrorCode.BrokerUnavailable"/> if the started broker dies or does not answer in time.
    /// </summary>
    public async Task<bool> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        home.EnsureCreated();
        // A starter may hold the lock for its whole start timeout; by default wait for that, and a little more.
        var lockDeadline = time.GetUtcNow() + (lockTimeout ?? startTimeout + TimeSpan.FromSeconds(5));
        using var held = await AutostartLock.TryAcquireAsync(home.AutostartLockPath, lockDeadline, time, cancellationToken).ConfigureAwait(false)
            ?? throw new MeshException(MeshErrorCode.BrokerUnavailable,
                $"Another mesh command is still starting the broker ({home.AutostartLockPath} is locked). Wait a moment and retry, or run 'mesh server'.");

        if (await isAnswering(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var launched = await launcher.LaunchAsync(home, cancellationToken).ConfigureAwait(false);

        // Polling, because the broker has no way to tell us it is up other than answering.
        var deadline = time.GetUtcNow() + startTimeout;
        while (!await isAnswering(cancellationToken).ConfigureAwait(false))
        {
            if (launched.HasExited)
            {
                throw new MeshException(MeshErrorCode.BrokerUnavailable,
                    $"The broker exited as it started{LastLogLine()}. See {home.LogPath}, or run 'mesh server' to see why.");
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new MeshException(MeshErrorCode.BrokerUnavailable,
                    $"Started a broker but it did not answer within {startTimeout.TotalSeconds:0} s; see {home.LogPath}, or run 'mesh server' to see why.");
            }
            await Task.Delay(_pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>": &lt;last line of the broker log&gt;", which usually says why it stopped, or nothing.</summary>
    private string LastLogLine()
    {
        try
        {
            var last = File.ReadLines(home.LogPath).LastOrDefault(line => !string.IsNullOrWhiteSpace(line));
            return last is null ? "" : $": {last.Trim().TrimEnd('.')}";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
