using System.Diagnostics;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// Grows the store to a number of messages with concurrent senders spread over 100 recipients, the way the
/// inbox and memory scenarios need it. Bounded by the count and by <see cref="MaxFillTime"/>.
/// </summary>
internal static class StoreFiller
{
    public const int Recipients = 100;
    private static readonly TimeSpan MaxFillTime = TimeSpan.FromMinutes(45);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxSettleTime = TimeSpan.FromMinutes(5);

    public static async Task FillToAsync(LoadSession session, long target, CancellationToken cancellationToken)
    {
        var missing = target - session.Stored;
        if (missing <= 0)
        {
            return;
        }
        var senders = await session.AgentsAsync("fill-snd", session.Options.FillSenders, cancellationToken);
        var recipients = await session.AgentsAsync("fill-rcpt", Recipients, cancellationToken);
        var from = session.Stored;
        long tickets = 0, acknowledged = 0, errors = 0;
        var started = Stopwatch.GetTimestamp();
        session.Say($"filling the store to {target:N0} messages ({missing:N0} to send, {senders.Count} senders, {Recipients} recipients)");

        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ReportProgressAsync(session, target, () => Interlocked.Read(ref acknowledged), started, done.Token);
        var workers = senders.Select(sender => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(started) < MaxFillTime)
            {
                var n = Interlocked.Increment(ref tickets);
                if (n > missing)
                {
                    return;
                }
                var outcome = await session.Api.TrySendAsync(
                    sender, recipients[(int)(n % Recipients)], MessageBodies.Create("fill", from + n), cancellationToken);
                if (outcome is { Acknowledged: true })
                {
                    Interlocked.Increment(ref acknowledged);
                    session.AddStored(1);
                }
                else if (Interlocked.Increment(ref errors) > 100)
                {
                    throw new InvalidOperationException($"More than 100 fill sends failed (last: {outcome?.Status.ToString() ?? "connection error"}).");
                }
            }
        }, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            await done.CancelAsync();
            await progress;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        session.Say($"filled: {session.Stored:N0} stored, {acknowledged:N0} sent in {elapsed.TotalSeconds:N0} s ({acknowledged / elapsed.TotalSeconds:N0} msg/s)");
        await SettleAsync(session, cancellationToken);
    }

    /// <summary>
    /// Waits until the broker has indexed everything the fill sent (its search and history indexes are built behind
    /// the writes, in the background): what follows measures a broker holding that many messages, not one still
    /// catching up on the burst that put them there.
    /// </summary>
    private static async Task SettleAsync(LoadSession session, CancellationToken cancellationToken)
    {
        const string Backlog = "agentmesh_index_backlog_messages";
        var started = Stopwatch.GetTimestamp();
        var backlog = (await session.Api.MetricsAsync(cancellationToken))[Backlog];
        var first = backlog;
        while (backlog > 0 && Stopwatch.GetElapsedTime(started) < MaxSettleTime)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            backlog = (await session.Api.MetricsAsync(cancellationToken))[Backlog];
        }
        if (first > 0)
        {
            session.Say($"  indexes caught up on {first:N0} messages in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s"
                + (backlog > 0 ? $"; gave up waiting with {backlog:N0} left" : ""));
        }
    }

    private static async Task ReportProgressAsync(LoadSession session, long target, Func<long> sent, long started, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                session.Say($"  fill {session.Stored:N0} / {target:N0} ({sent() / seconds:N0} msg/s)");
            }
        }
        catch (OperationCanceledException)
        {
            // the fill finished
        }
    }
}
