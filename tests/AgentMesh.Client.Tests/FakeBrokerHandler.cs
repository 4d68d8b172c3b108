using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AgentMesh.Client.Tests;

/// <summary>Stands in for the network: answers each request with the next scripted response and records what was asked.</summary>
internal sealed class FakeBrokerHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();

    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public FakeBrokerHandler Then(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public FakeBrokerHandler ThenJson(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        Then(_ => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) });

    public FakeBrokerHandler ThenSse(string frames) =>
        Then(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(frames, Encoding.UTF8, "text/event-stream") });

    public FakeBrokerHandler ThenUnreachable() =>
        Then(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (!_script.TryDequeue(out var respond))
        {
            // Out of script: hang like an idle broker until the caller gives up.
            return Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<HttpResponseMessage>(
                _ => throw new OperationCanceledException(cancellationToken), TaskScheduler.Default);
        }
        var response = respond(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    public static string Event(long seq, string type = "agent.status") =>
        $"id: {seq}\nevent: {type}\ndata: {{\"seq\":{seq},\"mesh\":\"default\",\"type\":\"{type}\",\"at\":\"2026-01-01T12:00:00Z\"}}\n\n";
}
