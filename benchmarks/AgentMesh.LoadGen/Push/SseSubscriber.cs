using System.Net.Http.Headers;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;

namespace AgentMesh.LoadGen.Push;

/// <summary>
/// Follows an events route as Server-Sent Events (<c>id:</c>/<c>event:</c>/<c>data:</c> frames) and hands every
/// <c>message.queued</c> event to the callback the moment its JSON is parsed.
/// </summary>
internal sealed class SseSubscriber : IPushSubscriber
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseSubscriber(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream);
    }

    public string Transport => "SSE";

    public static async Task<SseSubscriber> ConnectAsync(HttpClient http, string pathAndQuery, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            response.EnsureSuccessStatusCode();
            return new SseSubscriber(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task RunAsync(Action<MeshEvent> onQueued, CancellationToken cancellationToken)
    {
        string? type = null, data = null;
        try
        {
            while (await _reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type == MeshEventType.MessageQueued && data is not null
                        && JsonSerializer.Deserialize(data, MeshJsonContext.Default.MeshEvent) is { } e)
                    {
                        onQueued(e);
                    }
                    type = data = null;
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the scenario is done with this stream
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
