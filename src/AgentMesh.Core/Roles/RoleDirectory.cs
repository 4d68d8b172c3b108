using System.Collections.Concurrent;
using AgentMesh.Protocol.Roles;

namespace AgentMesh.Core.Roles;

/// <summary>
/// The in-memory copy of every role, with how many messages each holds; loaded at start and updated after
/// each durable write, so routing never reads the database.
/// </summary>
public sealed class RoleDirectory
{
    private readonly ConcurrentDictionary<(string Mesh, string Name), RoleInfo> _roles = new();

    public void Load(IEnumerable<RoleInfo> roles)
    {
        foreach (var role in roles)
        {
            Put(role);
        }
    }

    public void Put(RoleInfo role) => _roles[(role.Mesh, role.Name)] = role;

    public RoleInfo? Get(string mesh, string name) => _roles.GetValueOrDefault((mesh, name));

    public void Remove(string mesh, string name) => _roles.TryRemove((mesh, name), out _);

    public IReadOnlyList<RoleInfo> InMesh(string mesh) =>
        [.. _roles.Values.Where(r => r.Mesh == mesh).OrderBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The mesh's roles that have <paramref name="agentId"/> as a member and hold messages.</summary>
    public IReadOnlyList<RoleInfo> HoldingFor(string mesh, string agentId) =>
        [.. _roles.Values.Where(r => r.Mesh == mesh && r.Held > 0 && r.Agents.Any(a => a.Id == agentId))];

    /// <summary>Adds <paramref name="delta"/> to the role's held count.</summary>
    public void AddHeld(string mesh, string name, int delta)
    {
        while (_roles.TryGetValue((mesh, name), out var role)
            && !_roles.TryUpdate((mesh, name), role with { Held = Math.Max(0, role.Held + delta) }, role))
        {
        }
    }
}
