using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// N senders sending back to back for a fixed time. Counts only sends the broker acknowledged (201, so
/// durable) that started after a one-second warm-up and finished inside the window. The broker's commit
/// counters tell how well it batched: operations per commit and mean commit time.
/// </summary>
internal sealed class ThroughputScenario : IScenario
{
    /// <summary>Recipients the senders spread over (shared with the send-socket variant, which reuses them).</summary>
    internal const int RecipientCount = 8;
    internal const string RecipientPrefix = "tp-rcpt";
    internal static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public string Name => "throughput";

    public Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken) =>
        ForEachConcurrencyAsync(session, concurrency => RunOnceAsync(session, concurrency, cancellationToken));

    /// <summary>One run per <c>--concurrency</c> value, in order.</summary>
    internal static async Task<IReadOnlyList<ScenarioResult>> ForEachConcurrencyAsync(LoadSession session, Func<int, Task<ScenarioResult>> runOnce)
    {
        var results = new List<ScenarioResult>();
        foreach (var concurrency in session.Options.Concurrency)
        {
            results.Add(await runOnce(concurrency));
        }
        return results;
    }

    private static async Task<ScenarioResult> RunOnceAsync(LoadSession session, int concurrency, CancellationToken cancellationToken)
    {
        var senders = await session.AgentsAsync($"tp{concurrency}-snd", concurrency, cancellationToken);
        var recipients = await session.AgentsAsync(RecipientPrefix, RecipientCount, cancellationToken);
        var duration = session.Options.Duration;
        var before = await session.Api.MetricsAsync(cancellationToken);
        var cpu = CpuMeter.Start(session.Broker?.Pid ?? session.Target.Pid);
        var window = new TimedSendWindow(Warmup, duration);
        var workers = senders.Select((sender, index) => window.RunSenderAsync(async n =>
            await session.Api.TrySendAsync(sender, recipients[index % recipients.Count], MessageBodies.Create(sender, n), cancellationToken)
                is { Acknowledged: true } ? SendResult.Acknowledged : SendResult.Failed, cancellationToken)).ToList();
        var (latency, sent, errors) = TimedSendWindow.Combine(await Task.WhenAll(workers));
        var split = cpu.Stop();
        var after = await session.Api.MetricsAsync(cancellationToken);

        session.AddStored(sent);
        return Result($"send, {concurrency} concurrent senders, {duration.TotalSeconds:N0} s", latency, sent, errors, split, CommitStats.Between(before, after), duration);
    }

    /// <summary>
    /// A throughput row (HTTP or send socket): acknowledged sends per second in the window, the CPU split and the CPU
    /// per acknowledged send over the whole run (warm-up included, like the split: what bounds msg/s on 2 cores), and
    /// how the broker batched its commits. <paramref name="extra"/> adds the variant's own values.
    /// </summary>
    internal static ScenarioResult Result(
        string scenario, LatencyRecorder latency, long sent, long errors, CpuSplit split, CommitStats commit, TimeSpan duration,
        params (string Name, double Value)[] extra)
    {
        var perSecondOverall = sent / (Warmup + duration).TotalSeconds;
        var brokerMicros = split.BrokerPercent * 1e4 / perSecondOverall;
        var loadGenMicros = split.LoadGenPercent * 1e4 / perSecondOverall;
        var values = new Dictionary<string, double>
        {
            ["broker_cpu_percent"] = split.BrokerPercent,
            ["loadgen_cpu_percent"] = split.LoadGenPercent,
            ["writes_per_commit"] = commit.WritesPerCommit,
            ["mean_commit_ms"] = commit.MillisecondsPerCommit,
            ["commits"] = commit.Commits,
            ["broker_cpu_us_per_send"] = brokerMicros,
            ["loadgen_cpu_us_per_send"] = loadGenMicros,
        };
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }
        return new ScenarioResult
        {
            Scenario = scenario,
            Count = latency.Count,
            PerSecond = latency.Count / duration.TotalSeconds,
            Latency = latency.Summarize(),
            Errors = errors,
            Notes = $"{split}; CPU per send: broker {brokerMicros:N0} µs, loadgen {loadGenMicros:N0} µs; {commit}",
            Values = values,
        };
    }
}
