using System.Diagnostics;

namespace AgentMesh.LoadGen.Measurement;

/// <summary>How one send of a timed run went.</summary>
internal enum SendResult
{
    Acknowledged,
    Failed,

    /// <summary>Failed, and the sender cannot go on (its connection is gone).</summary>
    SenderLost,
}

/// <summary>What one sender of a timed run did.</summary>
internal sealed record SenderTally(LatencyRecorder Latency, long Sent, long Errors);

/// <summary>
/// The measuring window of a throughput run: a warm-up, then <c>duration</c>. Senders send back to back until it
/// closes; a send counts as sent when acknowledged, and its latency is recorded when it started after the warm-up
/// and finished inside the window.
/// </summary>
internal sealed class TimedSendWindow(TimeSpan warmup, TimeSpan duration)
{
    private readonly long _from = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);

    private long Until => _from + (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Runs one sender on the thread pool: <paramref name="sendOne"/> sends its message number n.</summary>
    public Task<SenderTally> RunSenderAsync(Func<long, Task<SendResult>> sendOne, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        var recorder = new LatencyRecorder(16 * 1024);
        long sent = 0, errors = 0;
        for (var n = 0L; Stopwatch.GetTimestamp() < Until; n++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var result = await sendOne(n);
            var t1 = Stopwatch.GetTimestamp();
            if (result != SendResult.Acknowledged)
            {
                errors++;
                if (result == SendResult.SenderLost)
                {
                    break;
                }
                continue;
            }
            sent++;
            if (t0 >= _from && t1 <= Until)
            {
                recorder.RecordTicks(t1 - t0);
            }
        }
        return new SenderTally(recorder, sent, errors);
    }, cancellationToken);

    /// <summary>The senders' latencies merged, and their totals.</summary>
    public static (LatencyRecorder Latency, long Sent, long Errors) Combine(IReadOnlyCollection<SenderTally> tallies) =>
        (LatencyRecorder.Merge(tallies.Select(t => t.Latency)), tallies.Sum(t => t.Sent), tallies.Sum(t => t.Errors));
}
