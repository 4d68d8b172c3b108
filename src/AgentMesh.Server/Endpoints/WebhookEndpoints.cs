using AgentMesh.Core.Broker;
using AgentMesh.Core.Identity;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Server.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/meshes/{mesh}/webhooks").WithTags("Webhooks");
        group.MapGet("/", ListWebhooks).WithName("ListWebhooks").WithSummary("The mesh's webhook agents (secrets are never shown).");
        group.MapPut("/{agent}", SaveAsync).WithName("SaveWebhook").Accepts<SaveWebhookRequest>(isOptional: true, "application/json")
            .WithSummary("Makes the agent a webhook, or changes its webhook. A generated secret is returned once.");
        group.MapGet("/{agent}", GetWebhook).WithName("GetWebhook").WithSummary("One webhook agent.");
        group.MapDelete("/{agent}", RemoveAsync).WithName("RemoveWebhook").WithSummary("Stops delivering; the agent goes offline and keeps its queue.");
        group.MapPost("/{agent}/test", TestAsync).WithName("TestWebhook").WithSummary("POSTs a signed test message now and reports the status and latency.");
        return app;
    }

    private static Ok<WebhookList> ListWebhooks(string mesh, MeshBroker broker) => TypedResults.Ok(new WebhookList(broker.ListWebhooks(mesh)));

    private static async Task<Results<Created<WebhookSaved>, Ok<WebhookSaved>>> SaveAsync(
        string mesh, string agent, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.SaveWebhookRequest, cancellationToken);
        var saved = await broker.SaveWebhookAsync(mesh, agent, request, cancellationToken);
        return saved.Created
            ? TypedResults.Created($"/v1/meshes/{mesh}/webhooks/{saved.Webhook.Agent}", saved)
            : TypedResults.Ok(saved);
    }

    private static Ok<WebhookInfo> GetWebhook(string mesh, string agent, MeshBroker broker) => TypedResults.Ok(broker.GetWebhook(mesh, agent));

    private static async Task<Ok<WebhookInfo>> RemoveAsync(string mesh, string agent, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await broker.RemoveWebhookAsync(mesh, agent, cancellationToken));

    private static async Task<Ok<WebhookTestResult>> TestAsync(
        string mesh, string agent, MeshBroker broker, WebhookSender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        var (info, config) = broker.RequireWebhook(mesh, agent);
        var id = new MessageIds(time).Next();
        var message = new MessageEnvelope
        {
            Id = id,
            Mesh = mesh,
            From = "mesh",
            FromName = "mesh",
            To = info.Name,
            Kind = MessageKind.Note,
            Body = $"AgentMesh webhook test: if you can read this, '{info.Name}' receives messages from mesh '{mesh}'.",
            ThreadId = id,
            CreatedAt = time.GetUtcNow(),
        };
        var attempt = await sender.SendAsync(config, info.Name, message, 1, cancellationToken);
        return TypedResults.Ok(new WebhookTestResult
        {
            Agent = info.Name,
            Url = config.Url,
            Ok = attempt.Ok,
            Status = attempt.Status,
            LatencyMs = Math.Round(attempt.Latency.TotalMilliseconds, 1),
            Error = attempt.Error,
        });
    }
}
