using System.Diagnostics;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>One sender, one recipient, one send at a time: the latency an agent sees for a durable send.</summary>
internal sealed class SequentialSendScenario : IScenario
{
    private const int Warmup = 100;

    public string Name => "sequential";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var sender = (await session.AgentsAsync("seq-snd", 1, cancellationToken))[0];
        var recipient = (await session.AgentsAsync("seq-rcpt", 1, cancellationToken))[0];
        var sends = session.Options.Sends;
        for (var i = 0; i < Warmup; i++)
        {
            await session.Api.SendAsync(sender, recipient, MessageBodies.Create("seq-warmup", i), readId: true, cancellationToken);
        }
        var recorder = new LatencyRecorder(sends);
        var errors = 0;
        var before = await session.Api.MetricsAsync(cancellationToken);
        var cpu = CpuMeter.Start(session.Broker?.Pid ?? session.Target.Pid);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < sends; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var outcome = await session.Api.SendAsync(sender, recipient, MessageBodies.Create("seq", i), readId: true, cancellationToken);
            if (outcome.Acknowledged && outcome.MessageId is not null)
            {
                recorder.RecordSince(t0);
            }
            else
            {
                errors++;
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var split = cpu.Stop();
        var commit = CommitStats.Between(before, await session.Api.MetricsAsync(cancellationToken));
        session.AddStored(Warmup + recorder.Count);
        return
        [
            new ScenarioResult
            {
                Scenario = "send, sequential (1 sender)",
                Count = recorder.Count,
                PerSecond = recorder.Count / elapsed.TotalSeconds,
                Latency = recorder.Summarize(),
                Errors = errors,
                Notes = $"{split}; {commit}",
                Values = new()
                {
                    ["broker_cpu_percent"] = split.BrokerPercent,
                    ["loadgen_cpu_percent"] = split.LoadGenPercent,
                    ["mean_commit_ms"] = commit.MillisecondsPerCommit,
                },
            },
        ];
    }
}
