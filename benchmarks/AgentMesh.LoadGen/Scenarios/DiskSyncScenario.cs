using System.Diagnostics;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// The floor under every durable send: one 4 KiB append to a file in the broker's home, then fsync, repeated
/// <c>--sends</c> times. A commit with <c>synchronous=FULL</c> does at least this, so no send latency percentile
/// can beat this one on the same disk. No broker is involved.
/// </summary>
internal sealed class DiskSyncScenario : IScenario
{
    private const int Warmup = 50;

    public string Name => "disk";

    public Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var path = Path.Combine(session.Home.Root, $"fsync-probe-{Guid.NewGuid():N}.bin");
        var block = new byte[4096];
        var recorder = new LatencyRecorder(session.Options.Sends);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                BufferSize = 0,
            });
            for (var i = -Warmup; i < session.Options.Sends; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var t0 = Stopwatch.GetTimestamp();
                file.Write(block);
                file.Flush(flushToDisk: true);
                if (i >= 0)
                {
                    recorder.RecordSince(t0);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        IReadOnlyList<ScenarioResult> results =
        [
            new ScenarioResult
            {
                Scenario = "disk: 4 KiB append + fsync (no broker)",
                Count = recorder.Count,
                PerSecond = recorder.Count / elapsed.TotalSeconds,
                Latency = recorder.Summarize(),
                Notes = $"in {session.Home.Root}: the floor under a durable commit on this disk",
            },
        ];
        return Task.FromResult(results);
    }
}
