using AgentMesh.Protocol;
using AgentMesh.Protocol.Roles;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary><c>GET …/roles</c>.</summary>
    public async Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken cancellationToken) =>
        (await CallAsync(Get(MeshPath("/roles")), MeshJsonContext.Default.RoleList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Roles;

    /// <summary><c>GET …/roles/{role}</c>.</summary>
    public Task<RoleInfo> GetRoleAsync(string role, CancellationToken cancellationToken) =>
        CallAsync(Get(RolePath(role)), MeshJsonContext.Default.RoleInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>PUT …/roles/{role}</c>: creates or replaces the role.</summary>
    public Task<RoleInfo> SaveRoleAsync(string role, SaveRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(Put(RolePath(role), request, MeshJsonContext.Default.SaveRoleRequest), MeshJsonContext.Default.RoleInfo, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>DELETE …/roles/{role}</c>.</summary>
    public Task<RoleDeleted> DeleteRoleAsync(string role, CancellationToken cancellationToken) =>
        CallAsync(Delete(RolePath(role)), MeshJsonContext.Default.RoleDeleted, TimeSpan.Zero, cancellationToken);

    private string RolePath(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return MeshPath($"/roles/{Uri.EscapeDataString(role)}");
    }
}
