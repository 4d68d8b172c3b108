using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Server.Security;
using AgentMesh.Server.Sending;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/v1/meshes/{mesh}/agents/{agent}").WithTags("Messages");
        agent.MapPost("/messages", SendAsync).WithName("SendMessage").Accepts<SendMessageRequest>(isOptional: true, "application/json")
            .WithSummary("Sends a message from this agent. Returns once it is durable.");
        agent.MapGet("/send", SendSocketAsync).WithName("SendSocket").Produces(StatusCodes.Status101SwitchingProtocols)
            .WithSummary("WebSocket for pipelined sends from this agent: a frame per send (the POST body plus a ref) or an array of them; each send answered by its ref once it is durable, answers ready at once sharing a frame.");
        agent.MapGet("/inbox", PeekAsync).WithName("PeekInbox").WithSummary("Unacknowledged messages, oldest first. Changes nothing.");
        agent.MapPost("/inbox/consume", ConsumeAsync).WithName("ConsumeInbox")
            .WithSummary("Takes waiting messages under a lease; wait (seconds, at most 55) long-polls; kinds (e.g. task,note) takes only those kinds.");
        agent.MapPost("/ack", AckAsync).WithName("Ack").Accepts<AckRequest>(isOptional: true, "application/json").WithSummary("Acknowledges messages.");

        var mesh = app.MapGroup("/v1/meshes/{mesh}").WithTags("Messages");
        mesh.MapGet("/messages", HistoryAsync).WithName("History").WithSummary("Messages, newest first; agent= narrows to one agent.");
        mesh.MapGet("/messages/{id}", GetMessageAsync).WithName("GetMessage").WithSummary("A message with every recipient's delivery state.");
        mesh.MapGet("/messages/{id}/thread", ThreadAsync).WithName("GetThread").WithSummary("The message's whole thread, oldest first.");
        mesh.MapGet("/search", SearchAsync).WithName("Search").WithSummary("Full-text search over message bodies.");
        return app;
    }

    private static async Task<Results<Created<SendMessageResponse>, Ok<SendMessageResponse>>> SendAsync(
        string mesh, string agent, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.SendMessageRequest, cancellationToken);
        var response = await broker.SendAsync(mesh, agent, request, cancellationToken);
        return response.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/v1/meshes/{mesh}/messages/{response.Message.Id}", response);
    }

    /// <summary>The send socket (see <see cref="SendSocket"/>). The agent is checked before the upgrade, so a bad name is plain problem+json.</summary>
    private static async Task SendSocketAsync(
        HttpContext context, string mesh, string agent, MeshBroker broker, PrincipalRateLimiter limiter, ILogger<SendSocket> logger)
    {
        var sender = broker.RequireAgent(mesh, agent);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"{context.Request.Path} is a WebSocket for pipelined sends: connect with an upgrade (docs/protocol.md), or POST …/messages for single sends.");
        }
        // A frame may be as large as a POST body.
        var maxFrameBytes = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 1024 * 1024;
        await SendSocket.ServeAsync(context, broker, mesh, sender, limiter, maxFrameBytes, logger);
    }

    private static async Task<Ok<InboxResponse>> PeekAsync(string mesh, string agent, int? limit, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new InboxResponse(await broker.PeekAsync(mesh, agent, limit ?? 0, cancellationToken)));

    private static async Task<Ok<InboxResponse>> ConsumeAsync(
        string mesh, string agent, int? limit, double? wait, string? kinds, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new InboxResponse(await broker.ConsumeAsync(mesh, agent, limit ?? 0, Seconds(wait), Kinds(kinds), cancellationToken)));

    /// <summary><c>kinds=task,note</c> as a list; absent or blank means every kind.</summary>
    internal static IReadOnlyList<string>? Kinds(string? kinds) =>
        string.IsNullOrWhiteSpace(kinds) ? null : kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<Ok<AckResponse>> AckAsync(string mesh, string agent, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.AckRequest, cancellationToken);
        return TypedResults.Ok(await broker.AckAsync(mesh, agent, request.Ids ?? [], cancellationToken));
    }

    private static async Task<Ok<MessageList>> HistoryAsync(
        string mesh, string? agent, int? limit, string? before, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MessageList(await broker.HistoryAsync(mesh, agent, limit ?? 50, before, cancellationToken)));

    private static async Task<Ok<MessageDetail>> GetMessageAsync(string mesh, string id, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await broker.GetMessageAsync(mesh, id, cancellationToken));

    private static async Task<Ok<MessageList>> ThreadAsync(string mesh, string id, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MessageList(await broker.ThreadAsync(mesh, id, cancellationToken)));

    private static async Task<Ok<MessageList>> SearchAsync(string mesh, string? q, int? limit, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MessageList(await broker.SearchAsync(mesh, q ?? "", limit ?? 50, cancellationToken)));

    internal static TimeSpan Seconds(double? wait) =>
        wait is > 0 ? TimeSpan.FromSeconds(Math.Min(wait.Value, 3600)) : TimeSpan.Zero;
}
