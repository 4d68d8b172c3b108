using System.Net;
using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.EndToEnd.Tests;

/// <summary>The broker routes these tests use, straight over HTTP with the protocol's JSON context.</summary>
internal static class MeshHttp
{
    public static async Task<AgentInfo> RegisterAsync(this HttpClient http, string name, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/meshes/default/agents",
            new RegisterAgentRequest { Name = name, Kind = AgentKind.Http }, MeshJsonContext.Default.RegisterAgentRequest, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentInfo, cancellationToken))!; // 200 always has a body
    }

    /// <summary>The new message's id when the broker acknowledged it (201), else null.</summary>
    public static async Task<string?> SendAsync(this HttpClient http, string from, string to, string body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/v1/meshes/default/agents/{from}/messages",
            new SendMessageRequest { To = to, Body = body }, MeshJsonContext.Default.SendMessageRequest, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }
        var sent = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, cancellationToken);
        return sent?.Message.Id;
    }

    public static async Task<MessageDetail?> GetMessageAsync(this HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/v1/meshes/default/messages/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.MessageDetail, cancellationToken);
    }

    /// <summary>Full-text search over the default mesh's messages.</summary>
    public static async Task<IReadOnlyList<MessageEnvelope>> SearchAsync(this HttpClient http, string query, CancellationToken cancellationToken)
    {
        var found = await http.GetFromJsonAsync($"/v1/meshes/default/search?q={Uri.EscapeDataString(query)}",
            MeshJsonContext.Default.MessageList, cancellationToken);
        return found?.Messages ?? [];
    }

    /// <summary>Every event of the mesh after <paramref name="after"/>, page by page.</summary>
    public static async Task<List<MeshEvent>> ReadEventsAsync(this HttpClient http, long after, CancellationToken cancellationToken)
    {
        var events = new List<MeshEvent>();
        for (var page = 0; page < 1_000; page++)
        {
            var result = await http.GetFromJsonAsync($"/v1/meshes/default/events?after={after}&limit=500",
                MeshJsonContext.Default.EventPage, cancellationToken);
            if (result is null || result.Events.Count == 0)
            {
                return events;
            }
            events.AddRange(result.Events);
            after = result.Cursor;
        }
        throw new InvalidOperationException("More than 500,000 events: the cursor does not advance.");
    }
}
