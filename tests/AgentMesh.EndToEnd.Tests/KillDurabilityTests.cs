using System.Collections.Concurrent;
using AgentMesh.Client;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.EndToEnd.Tests;

/// <summary>
/// The promise behind a 201: once the broker acknowledged a send, the message survives <c>kill -9</c>. A real
/// broker process takes a burst from concurrent senders, is SIGKILLed while requests are in flight, and is
/// started again on the same home; every acknowledged message must be there, still queued for its recipient,
/// and found by search (indexing runs after the commit, so the kill usually leaves some unindexed). The burst
/// comes over HTTP (one POST per send) or over send sockets (many sends in flight per socket, each answered
/// once committed): an answer frame is the same promise as a 201.
/// </summary>
public sealed class KillDurabilityTests
{
    private const int Senders = 8;
    private const int AcknowledgedBeforeKill = 200;
    private const int InFlightPerSocket = 16;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("http")]
    [InlineData("send-socket")]
    public async Task Broker_KilledMidBurst_KeepsEveryAcknowledgedSend(string transport)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var home = new TempHome();
        var acknowledged = new ConcurrentQueue<string>();
        var enoughToKill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (var broker = await BrokerProcess.StartAsync(home.Path, cancellationToken))
        {
            using var http = broker.CreateSocketClient();
            await http.RegisterAsync("inbox", cancellationToken);
            for (var i = 0; i < Senders; i++)
            {
                await http.RegisterAsync($"sender-{i}", cancellationToken);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(Bound);
            void Acknowledged(string id)
            {
                acknowledged.Enqueue(id);
                if (acknowledged.Count >= AcknowledgedBeforeKill)
                {
                    enoughToKill.TrySetResult();
                }
            }
            using var meshClient = new MeshClient(new MeshClientOptions { Home = broker.Home });
            var burst = transport == "http" ? HttpBurst(http, Acknowledged, stop.Token) : SocketBurst(meshClient, Acknowledged, stop.Token);

            await enoughToKill.Task.WaitAsync(Bound, cancellationToken);
            await broker.KillAsync(cancellationToken);
            await Task.WhenAll(burst).WaitAsync(Bound, cancellationToken);
        }

        var ids = acknowledged.ToArray();
        Assert.True(ids.Length >= AcknowledgedBeforeKill, $"only {ids.Length} sends were acknowledged");
        await using var restarted = await BrokerProcess.StartAsync(home.Path, cancellationToken);
        using var client = restarted.CreateSocketClient();
        var missing = new ConcurrentQueue<string>();
        var notQueued = new ConcurrentQueue<string>();
        var notFound = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var detail = await client.GetMessageAsync(id, ct);
            if (detail is null)
            {
                missing.Enqueue(id);
            }
            else
            {
                if (!detail.Deliveries.Any(d => d.RecipientName == "inbox" && d.State == DeliveryState.Queued))
                {
                    notQueued.Enqueue(id);
                }
                if (!(await client.SearchAsync($"\"{detail.Message.Body}\"", ct)).Any(m => m.Id == id))
                {
                    notFound.Enqueue(id);
                }
            }
        }).WaitAsync(Bound, cancellationToken);

        Assert.True(missing.IsEmpty, $"{missing.Count} of {ids.Length} acknowledged messages are gone after kill -9, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.True(notQueued.IsEmpty, $"{notQueued.Count} acknowledged messages lost their queued delivery, e.g. {string.Join(", ", notQueued.Take(5))}");
        Assert.True(notFound.IsEmpty, $"{notFound.Count} acknowledged messages are not found by search after kill -9, e.g. {string.Join(", ", notFound.Take(5))}");
    }

    private static List<Task> HttpBurst(HttpClient http, Action<string> acknowledged, CancellationToken stop) =>
        Enumerable.Range(0, Senders).Select(i => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    if (await http.SendAsync($"sender-{i}", "inbox", $"sender-{i} message {n}", stop) is { } id)
                    {
                        acknowledged(id);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
                {
                    return; // the broker died under this request: its outcome is unknown, and it was never acknowledged
                }
            }
        }, CancellationToken.None)).ToList();

    private static List<Task> SocketBurst(MeshClient client, Action<string> acknowledged, CancellationToken stop) =>
        Enumerable.Range(0, Senders).Select(i => Task.Run(async () =>
        {
            await using var channel = await client.OpenSendChannelAsync($"sender-{i}", stop);
            await Task.WhenAll(Enumerable.Range(0, InFlightPerSocket).Select(slot => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        var sent = await channel.SendAsync(new SendMessageRequest { To = "inbox", Body = $"sender-{i} slot {slot} message {n}" }, stop);
                        acknowledged(sent.Message.Id);
                    }
                    catch (Exception e) when (e is MeshException or OperationCanceledException)
                    {
                        return; // the socket died with this send unanswered: never acknowledged
                    }
                }
            }, CancellationToken.None)));
        }, CancellationToken.None)).ToList();
}
