using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Meshes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class MeshEndpoints
{
    public static IEndpointRouteBuilder MapMeshEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/meshes").WithTags("Meshes");
        group.MapGet("/", ListMeshes).WithName("ListMeshes").WithSummary("Every mesh on this broker.");
        group.MapPost("/", CreateMeshAsync).WithName("CreateMesh").Accepts<CreateMeshRequest>(isOptional: true, "application/json").WithSummary("Creates a mesh (idempotent).");
        return app;
    }

    private static Ok<MeshList> ListMeshes(MeshBroker broker) => TypedResults.Ok(new MeshList(broker.ListMeshes()));

    private static async Task<Created<MeshInfo>> CreateMeshAsync(HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.CreateMeshRequest, cancellationToken);
        var mesh = await broker.CreateMeshAsync(request.Name, cancellationToken);
        return TypedResults.Created($"/v1/meshes/{mesh.Name}", mesh);
    }
}
