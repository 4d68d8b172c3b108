using System.Diagnostics;
using System.Globalization;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// The floor the host sets under every latency tail: one thread per core spins on the clock for five seconds and
/// records each pause of more than half a millisecond, the times its core was taken away (by the hypervisor when
/// steal goes up with them, else by the kernel). A send that meets such a pause on its way is late by all of it,
/// whatever the broker does. No broker work is involved (an idle one may be running).
/// </summary>
internal sealed class HostPauseScenario : IScenario
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly long PauseTicks = Stopwatch.Frequency / 2_000; // 0.5 ms

    public string Name => "host";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var steal = StealMeter.Start();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => Task.Factory.StartNew(() => SpinAndRecordPauses(cancellationToken), cancellationToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        var pauses = LatencyRecorder.Merge(await Task.WhenAll(spinners));
        var stolen = steal.StopPercent();
        var coreSeconds = Duration.TotalSeconds * spinners.Count;
        var perCoreSecond = pauses.Count / coreSeconds;
        var overThreeMsPerCoreSecond = pauses.CountOver(3) / coreSeconds;
        return
        [
            new ScenarioResult
            {
                Scenario = "host: pauses of a spinning core (no broker work)",
                Count = pauses.Count,
                PerSecond = perCoreSecond,
                Latency = pauses.Summarize(),
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"pauses > 0.5 ms per core-second: {perCoreSecond:0.0}, of which > 3 ms {overThreeMsPerCoreSecond:0.00}; steal {stolen:0.0}% of CPU time (/proc/stat)"),
                Values = new()
                {
                    ["pauses_per_core_second"] = perCoreSecond,
                    ["pauses_over_3ms_per_core_second"] = overThreeMsPerCoreSecond,
                    ["steal_percent"] = stolen,
                },
            },
        ];
    }

    private static LatencyRecorder SpinAndRecordPauses(CancellationToken cancellationToken)
    {
        var pauses = new LatencyRecorder();
        var end = Stopwatch.GetTimestamp() + (long)(Duration.TotalSeconds * Stopwatch.Frequency);
        var previous = Stopwatch.GetTimestamp();
        while (previous < end && !cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now - previous > PauseTicks)
            {
                pauses.RecordTicks(now - previous);
            }
            previous = now;
        }
        return pauses;
    }
}
