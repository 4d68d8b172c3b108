using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/meshes/{mesh}/agents/{agent}/policy").WithTags("Policies");
        group.MapGet("/", GetPolicy).WithName("GetPolicy")
            .WithSummary("The control commands (kind=command messages such as /compact) the agent accepts; none by default.");
        group.MapPut("/", SaveAsync).WithName("SavePolicy").Accepts<SavePolicyRequest>(isOptional: true, "application/json")
            .WithSummary("Replaces the agent's allowed commands; an empty list allows none.");
        return app;
    }

    private static Ok<AgentPolicy> GetPolicy(string mesh, string agent, MeshBroker broker) => TypedResults.Ok(broker.GetPolicy(mesh, agent));

    private static async Task<Ok<AgentPolicy>> SaveAsync(string mesh, string agent, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.SavePolicyRequest, cancellationToken);
        return TypedResults.Ok(await broker.SavePolicyAsync(mesh, agent, request, cancellationToken));
    }
}
