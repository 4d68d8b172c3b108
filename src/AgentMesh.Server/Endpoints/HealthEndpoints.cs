using AgentMesh.Core.Broker;
using AgentMesh.Protocol.Meshes;
using AgentMesh.Server.Hosting;
using AgentMesh.Server.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Health).WithTags("Health").WithName("Health").WithSummary("Liveness; needs no token.");
        app.MapGet("/v1/status", Status).WithTags("Health").WithName("Status").WithSummary("Version, pid, store and endpoints.");
        app.MapGet("/metrics", MetricsAsync).WithTags("Health").WithName("Metrics").WithSummary("Prometheus text.")
            .Produces<string>(contentType: "text/plain");
        return app;
    }

    private static Ok<HealthResponse> Health() => TypedResults.Ok(new HealthResponse("ok"));

    private static Ok<BrokerStatus> Status(BrokerRuntime runtime, MeshBroker broker) => TypedResults.Ok(runtime.Status(broker));

    private static async Task MetricsAsync(HttpContext context, MeshBroker broker)
    {
        var pending = await broker.Store.CountPendingAsync(context.RequestAborted);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(PrometheusText.Render(broker.Metrics, pending, broker.CountAgents(onlineOnly: true), broker.Store.IndexBacklog), context.RequestAborted);
    }
}

internal sealed record HealthResponse(string Status);
