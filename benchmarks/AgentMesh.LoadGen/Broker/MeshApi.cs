using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.LoadGen.Broker;

/// <summary>
/// The few broker routes the load generator needs, over a raw <see cref="HttpClient"/> and the protocol's
/// source-generated JSON context: nothing between the measurement and the wire but serialization.
/// </summary>
internal sealed class MeshApi(HttpClient http)
{
    public const string Mesh = "default";
    private int _transportErrors;

    public HttpClient Http => http;

    public async Task<AgentInfo> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/v1/meshes/{Mesh}/agents",
            new RegisterAgentRequest { Name = name, Kind = AgentKind.Http }, MeshJsonContext.Default.RegisterAgentRequest, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentInfo, cancellationToken)
            ?? throw new InvalidOperationException("The broker answered a registration with no agent.");
    }

    public async Task HeartbeatAsync(string agent, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/v1/meshes/{Mesh}/agents/{agent}/heartbeat", content: null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// One send. <paramref name="readId"/> parses the response for the message id; throughput runs skip it
    /// (the body is still read in full) so the generator spends its share of the CPU on sending.
    /// </summary>
    public async Task<SendOutcome> SendAsync(string from, string to, string body, bool readId, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new SendMessageRequest { To = to, Body = body, Kind = MessageKind.Note }, MeshJsonContext.Default.SendMessageRequest);
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync($"/v1/meshes/{Mesh}/agents/{from}/messages", content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created || !readId)
        {
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new SendOutcome(response.StatusCode, null);
        }
        var sent = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, cancellationToken);
        return new SendOutcome(response.StatusCode, sent?.Message.Id);
    }

    /// <summary>
    /// A send whose transport failure counts as a failed send rather than ending the run (a throughput run
    /// reports errors; it does not stop at the first). Logs the first few failures to stderr.
    /// </summary>
    public async Task<SendOutcome?> TrySendAsync(string from, string to, string body, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(from, to, body, readId: false, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            if (Interlocked.Increment(ref _transportErrors) <= 5)
            {
                Console.Error.WriteLine($"send failed: {e.Message} {e.InnerException?.Message}");
            }
            return null;
        }
    }

    public async Task<InboxResponse> PeekAsync(string agent, int limit, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/v1/meshes/{Mesh}/agents/{agent}/inbox?limit={limit}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.InboxResponse, cancellationToken)
            ?? throw new InvalidOperationException("The broker answered a peek with no body.");
    }

    /// <summary>The message with its deliveries, or null on 404.</summary>
    public async Task<MessageDetail?> GetMessageAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/v1/meshes/{Mesh}/messages/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.MessageDetail, cancellationToken);
    }

    /// <summary>The seq of the newest event in the mesh (0 when the log is empty).</summary>
    public async Task<long> LastSeqAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/v1/meshes/{Mesh}/events?after=-1&limit=1", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var page = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.EventPage, cancellationToken);
        return page?.Cursor ?? 0;
    }

    public async Task<MetricsSnapshot> MetricsAsync(CancellationToken cancellationToken) =>
        MetricsSnapshot.Parse(await http.GetStringAsync("/metrics", cancellationToken));

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {problem}", null, response.StatusCode);
        }
    }
}

internal readonly record struct SendOutcome(HttpStatusCode Status, string? MessageId)
{
    public bool Acknowledged => Status == HttpStatusCode.Created;
}
