using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Roles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class RoleEndpoints
{
    public static IEndpointRouteBuilder MapRoleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/meshes/{mesh}/roles").WithTags("Roles");
        group.MapGet("/", ListRoles).WithName("ListRoles").WithSummary("Every role of the mesh with members' live status and held messages.");
        group.MapGet("/{role}", GetRole).WithName("GetRole").WithSummary("One role.");
        group.MapPut("/{role}", SaveRoleAsync).WithName("SaveRole").Accepts<SaveRoleRequest>(isOptional: true, "application/json")
            .WithSummary("Creates or replaces a role: agents in priority order, fallback queue or reject, capabilities.");
        group.MapDelete("/{role}", DeleteRoleAsync).WithName("DeleteRole").WithSummary("Deletes a role; messages it still held are dropped (they stay in history).");
        return app;
    }

    private static Ok<RoleList> ListRoles(string mesh, MeshBroker broker) => TypedResults.Ok(new RoleList(broker.ListRoles(mesh)));

    private static Ok<RoleInfo> GetRole(string mesh, string role, MeshBroker broker) => TypedResults.Ok(broker.GetRole(mesh, role));

    private static async Task<Ok<RoleInfo>> SaveRoleAsync(
        string mesh, string role, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.SaveRoleRequest, cancellationToken);
        return TypedResults.Ok(await broker.SaveRoleAsync(mesh, role, request, cancellationToken));
    }

    private static async Task<Ok<RoleDeleted>> DeleteRoleAsync(string mesh, string role, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await broker.DeleteRoleAsync(mesh, role, cancellationToken));
}
