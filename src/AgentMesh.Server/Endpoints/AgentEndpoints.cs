using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/meshes/{mesh}/agents").WithTags("Agents");
        group.MapGet("/", ListAgentsAsync).WithName("ListAgents").WithSummary("Live agents (all=true adds offline ones), with unread counts.");
        group.MapPost("/", RegisterAsync).WithName("RegisterAgent").Accepts<RegisterAgentRequest>(isOptional: true, "application/json").WithSummary("Registers an agent or refreshes the one with that name.");
        group.MapGet("/{agent}", GetAgent).WithName("GetAgent").WithSummary("One agent by name, id or folder name (ambiguous folders are a 409 listing the candidates).");
        group.MapPost("/{agent}/heartbeat", HeartbeatAsync).WithName("Heartbeat").Accepts<HeartbeatRequest>(isOptional: true, "application/json").WithSummary("Keeps the agent online; optionally sets its status.");
        group.MapDelete("/{agent}", UnregisterAsync).WithName("UnregisterAgent").WithSummary("Marks the agent offline.");
        return app;
    }

    private static async Task<Ok<AgentList>> ListAgentsAsync(string mesh, bool? all, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AgentList(await broker.ListAgentsAsync(mesh, all == true, cancellationToken)));

    private static async Task<Ok<AgentInfo>> RegisterAsync(string mesh, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.RegisterAgentRequest, cancellationToken);
        return TypedResults.Ok(await broker.RegisterAsync(mesh, request, cancellationToken));
    }

    private static Ok<AgentInfo> GetAgent(string mesh, string agent, MeshBroker broker) =>
        TypedResults.Ok(broker.ResolveAgent(mesh, agent));

    private static async Task<Ok<AgentInfo>> HeartbeatAsync(
        string mesh, string agent, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadOptionalAsync(http, MeshJsonContext.Default.HeartbeatRequest, cancellationToken);
        return TypedResults.Ok(await broker.HeartbeatAsync(mesh, agent, request?.Status, cancellationToken));
    }

    private static async Task<Ok<AgentInfo>> UnregisterAsync(string mesh, string agent, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await broker.UnregisterAsync(mesh, agent, cancellationToken));
}
