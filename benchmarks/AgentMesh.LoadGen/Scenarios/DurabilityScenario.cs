using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AgentMesh.LoadGen.Reporting;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// kill -9 in the middle of a burst: 32 senders send unique bodies and keep the id of every send the broker
/// acknowledged (201). The broker is SIGKILLed while they are at it, started again on the same home, and
/// every acknowledged id must be readable, with its delivery still queued for the recipient.
/// </summary>
internal sealed class DurabilityScenario : IScenario
{
    private const int Senders = 32;
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBurst = TimeSpan.FromSeconds(30);

    public string Name => "durability";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        if (session.Broker is null)
        {
            return [new ScenarioResult { Scenario = "kill -9 durability", Notes = "skipped: attached to a broker this run did not start" }];
        }
        var senders = await session.AgentsAsync("dur-snd", Senders, cancellationToken);
        var recipient = (await session.AgentsAsync("dur-rcpt", 1, cancellationToken))[0];
        var acknowledged = new ConcurrentQueue<string>();
        long unknown = 0;
        var started = Stopwatch.GetTimestamp();

        var workers = senders.Select(sender => Task.Run(async () =>
        {
            for (var n = 0L; Stopwatch.GetElapsedTime(started) < MaxBurst; n++)
            {
                try
                {
                    var outcome = await session.Api.SendAsync(sender, recipient, MessageBodies.Create("durable-" + sender, n), readId: true, cancellationToken);
                    if (outcome is { Acknowledged: true, MessageId: { } id })
                    {
                        acknowledged.Enqueue(id);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Interlocked.Increment(ref unknown); // in flight at the kill: may or may not be stored, never acknowledged
                    return;
                }
            }
        }, cancellationToken)).ToList();

        await Task.Delay(KillAfter, cancellationToken);
        var atKill = acknowledged.Count;
        await session.KillBrokerAsync(cancellationToken);
        session.Say($"  SIGKILL after {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s with {atKill:N0} sends acknowledged");
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

        var restart = await session.RestartBrokerAsync(cancellationToken);
        var ids = acknowledged.ToArray();
        var (found, queued) = await VerifyAsync(session, ids, recipient, cancellationToken);
        session.AddStored(found);
        var percent = ids.Length == 0 ? 0 : 100.0 * found / ids.Length;
        return
        [
            new ScenarioResult
            {
                Scenario = $"kill -9 mid-burst ({Senders} senders)",
                Count = ids.Length,
                Errors = ids.Length - found,
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"acknowledged {ids.Length:N0}, found after restart {found:N0} ({percent:0.###}%), delivery queued {queued:N0}; " +
                    $"{unknown} sends in flight at the kill; restart to healthy {restart.TotalMilliseconds:N0} ms"),
                Values = new()
                {
                    ["acknowledged"] = ids.Length,
                    ["found"] = found,
                    ["queued"] = queued,
                    ["in_flight"] = unknown,
                    ["restart_ms"] = restart.TotalMilliseconds,
                },
            },
        ];
    }

    private static async Task<(int Found, int Queued)> VerifyAsync(LoadSession session, string[] ids, string recipient, CancellationToken cancellationToken)
    {
        int found = 0, queued = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await session.Api.GetMessageAsync(id, ct) is not { } detail)
            {
                return;
            }
            Interlocked.Increment(ref found);
            if (detail.Deliveries.Any(d => d.RecipientName == recipient && d.State == DeliveryState.Queued))
            {
                Interlocked.Increment(ref queued);
            }
        });
        return (found, queued);
    }
}
