using AgentMesh.Client;
using AgentMesh.Client.Sending;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// The throughput scenario over the send socket: each sender opens one <see cref="MeshSendChannel"/> (the
/// client library's, as a program that sends a lot would) and keeps <c>--window</c> sends in flight on it for
/// the run. Counted like the HTTP scenario: sends answered 201 (durable) that started after the warm-up and
/// finished inside the window; latency is frame written → answer read.
/// </summary>
internal sealed class StreamedThroughputScenario : IScenario
{
    private static readonly TimeSpan Warmup = ThroughputScenario.Warmup;

    public string Name => "throughput-stream";

    public Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken) =>
        ThroughputScenario.ForEachConcurrencyAsync(session, concurrency => RunOnceAsync(session, concurrency, cancellationToken));

    private static async Task<ScenarioResult> RunOnceAsync(LoadSession session, int concurrency, CancellationToken cancellationToken)
    {
        var window = session.Options.Window;
        var senders = await session.AgentsAsync($"ts{concurrency}-snd", concurrency, cancellationToken);
        var recipients = await session.AgentsAsync(ThroughputScenario.RecipientPrefix, ThroughputScenario.RecipientCount, cancellationToken);
        using var client = new MeshClient(session.Options.Transport == "tcp"
            ? new MeshClientOptions { Home = session.Home, Url = session.Target.Url, Token = session.Target.Token }
            : new MeshClientOptions { Home = session.Home });
        var channels = await Task.WhenAll(senders.Select(sender => client.OpenSendChannelAsync(sender, cancellationToken)));
        var duration = session.Options.Duration;
        var before = await session.Api.MetricsAsync(cancellationToken);
        var cpu = CpuMeter.Start(session.Broker?.Pid ?? session.Target.Pid);
        var sendWindow = new TimedSendWindow(Warmup, duration);
        var reported = 0;
        var workers = channels.SelectMany((channel, index) => Enumerable.Range(0, window).Select(slot => sendWindow.RunSenderAsync(async n =>
        {
            try
            {
                var request = new SendMessageRequest { To = recipients[index % recipients.Count], Body = MessageBodies.Create($"{channel.Agent}/{slot}", n), Kind = MessageKind.Note };
                await channel.SendAsync(request, cancellationToken);
                return SendResult.Acknowledged;
            }
            catch (MeshException e)
            {
                if (Interlocked.Increment(ref reported) <= 5)
                {
                    Console.Error.WriteLine($"send failed: {e.Code}: {e.Message}");
                }
                return e.Code == MeshErrorCode.BrokerUnavailable ? SendResult.SenderLost : SendResult.Failed; // lost: the channel is gone
            }
        }, cancellationToken))).ToList();
        var (latency, sent, errors) = TimedSendWindow.Combine(await Task.WhenAll(workers));
        var split = cpu.Stop();
        var after = await session.Api.MetricsAsync(cancellationToken);
        foreach (var channel in channels)
        {
            await channel.DisposeAsync();
        }

        session.AddStored(sent);
        var commit = CommitStats.Between(before, after);
        // CPU per acknowledged send over the whole run (warm-up included, like the CPU split): what bounds msg/s on 2 cores.
        var perSecondOverall = sent / (Warmup + duration).TotalSeconds;
        var brokerMicros = split.BrokerPercent * 1e4 / perSecondOverall;
        var loadGenMicros = split.LoadGenPercent * 1e4 / perSecondOverall;
        return new ScenarioResult
        {
            Scenario = $"send socket, {concurrency} senders × {window} in flight, {duration.TotalSeconds:N0} s",
            Count = latency.Count,
            PerSecond = latency.Count / duration.TotalSeconds,
            Latency = latency.Summarize(),
            Errors = errors,
            Notes = $"{split}; CPU per send: broker {brokerMicros:N0} µs, loadgen {loadGenMicros:N0} µs; {commit}",
            Values = new()
            {
                ["broker_cpu_percent"] = split.BrokerPercent,
                ["loadgen_cpu_percent"] = split.LoadGenPercent,
                ["writes_per_commit"] = commit.WritesPerCommit,
                ["mean_commit_ms"] = commit.MillisecondsPerCommit,
                ["commits"] = commit.Commits,
                ["window"] = window,
                ["broker_cpu_us_per_send"] = brokerMicros,
                ["loadgen_cpu_us_per_send"] = loadGenMicros,
            },
        };
    }
}
