using System.Threading.Channels;

namespace AgentMesh.Terminal.Delivery;

/// <summary>
/// Wakes a delivery loop that sleeps between checks: any number of wakes while it works collapse into one, so it
/// looks again exactly once after it is done, and a wait ends at the latest after its timeout (the slow recheck).
/// </summary>
internal sealed class WakeSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Returns on a wake (one since the last wait counts) or when <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the recheck interval passed without a wake
        }
    }
}
