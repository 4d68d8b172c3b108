using AgentMesh.Core.Broker;
using AgentMesh.Protocol.Events;
using AgentMesh.Server.Streaming;

namespace AgentMesh.Server.Endpoints;

/// <summary>
/// The event log, three ways on one route: a JSON page (with long-poll), Server-Sent Events, or a WebSocket.
/// </summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/meshes/{mesh}/events", MeshEventsAsync).WithTags("Events").WithName("MeshEvents")
            .WithSummary("Every event of the mesh after a cursor: JSON page, SSE (Accept: text/event-stream) or WebSocket.")
            .Produces<EventPage>();
        app.MapGet("/v1/meshes/{mesh}/agents/{agent}/events", AgentEventsAsync).WithTags("Events").WithName("AgentEvents")
            .WithSummary("Events about one agent after a cursor: JSON page, SSE or WebSocket.")
            .Produces<EventPage>();
        return app;
    }

    private static Task MeshEventsAsync(
        HttpContext context, string mesh, long? after, int? limit, double? wait, MeshBroker broker) =>
        ServeAsync(context, broker, mesh, null, after, limit, wait);

    private static Task AgentEventsAsync(
        HttpContext context, string mesh, string agent, long? after, int? limit, double? wait, MeshBroker broker) =>
        ServeAsync(context, broker, mesh, agent, after, limit, wait);

    private static async Task ServeAsync(
        HttpContext context, MeshBroker broker, string mesh, string? agent, long? after, int? limit, double? wait)
    {
        // RequestAborted also fires when the broker stops (see ErrorTranslation), so a follower never delays shutdown.
        var cancellationToken = context.RequestAborted;
        // Validate before switching protocols, so a bad name is a plain problem+json response.
        var agentId = agent is null ? null : broker.RequireAgent(mesh, agent).Id;
        var cursor = await broker.ResolveCursorAsync(mesh, after ?? LastEventId(context) ?? 0, cancellationToken);
        if (context.WebSockets.IsWebSocketRequest)
        {
            await WebSocketEventStream.ServeAsync(context, broker, mesh, agentId, cursor, cancellationToken);
            return;
        }
        if (context.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            await SseEventStream.ServeAsync(context, broker, mesh, agentId, cursor, cancellationToken);
            return;
        }
        var page = await broker.ReadEventsAsync(mesh, agentId, cursor, limit ?? 100, MessageEndpoints.Seconds(wait), cancellationToken);
        await TypedResults.Ok(page).ExecuteAsync(context);
    }

    private static long? LastEventId(HttpContext context) =>
        long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var id) ? id : null;
}
