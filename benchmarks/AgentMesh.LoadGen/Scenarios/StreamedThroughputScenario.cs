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
        return ThroughputScenario.Result($"send socket, {concurrency} senders × {window} in flight, {duration.TotalSeconds:N0} s",
            latency, sent, errors, split, CommitStats.Between(before, after), duration, ("window", window));
    }
}
