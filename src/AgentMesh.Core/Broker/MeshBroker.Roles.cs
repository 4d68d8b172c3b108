using AgentMesh.Core.Roles;
using AgentMesh.Core.Storage;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    public IReadOnlyList<RoleInfo> ListRoles(string mesh)
    {
        RequireMesh(mesh);
        return [.. _roles.InMesh(mesh).Select(WithLiveView)];
    }

    public RoleInfo GetRole(string mesh, string name) => WithLiveView(RequireRole(mesh, name));

    /// <summary>Creates or replaces a role; messages it already holds stay held.</summary>
    public async Task<RoleInfo> SaveRoleAsync(string mesh, string name, SaveRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMesh(mesh);
        Names.Require(name, "role");
        var agents = (request.Agents ?? []).Select(a => RequireAgent(mesh, a.Trim())).DistinctBy(a => a.Id).ToList();
        var priority = (request.Priority ?? []).Select(a => RequireAgent(mesh, a.Trim())).DistinctBy(a => a.Id).ToList();
        var ordered = priority.Concat(agents.Where(a => priority.All(p => p.Id != a.Id))).ToList();
        if (ordered.Count == 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Role '{name}' needs at least one agent: pass --agents a,b.");
        }
        var fallback = request.Fallback ?? RoleFallback.Queue;
        if (!RoleFallback.IsValid(fallback))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown fallback '{fallback}'. Use 'queue' (hold until a member is online) or 'reject'.");
        }
        var capabilities = (request.Capabilities ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (capabilities.Count > 64 || capabilities.Any(c => c.Length > 64))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "Capabilities: at most 64, each at most 64 characters.");
        }

        var now = _time.GetUtcNow();
        var existing = _roles.Get(mesh, name);
        var role = new RoleInfo
        {
            Name = name,
            Mesh = mesh,
            Agents = [.. ordered.Select((a, i) => new RoleMember { Id = a.Id, Name = a.Name, Priority = i + 1 })],
            Fallback = fallback,
            Capabilities = capabilities,
            Held = existing?.Held ?? 0,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        await _store.SaveRoleAsync(role, now, cancellationToken);
        _roles.Put(role);
        // A new member may be online already: it takes what the role held.
        foreach (var member in ordered.Where(a => AgentStatus.IsLive(a.Status)).Take(1))
        {
            await ReleaseHeldForAsync(member, cancellationToken);
        }
        return WithLiveView(_roles.Get(mesh, name) ?? role);
    }

    public async Task<RoleDeleted> DeleteRoleAsync(string mesh, string name, CancellationToken cancellationToken)
    {
        var role = RequireRole(mesh, name);
        var dropped = await _store.DeleteRoleAsync(mesh, role.Name, _time.GetUtcNow(), cancellationToken);
        _roles.Remove(mesh, role.Name);
        return new RoleDeleted(role.Name, dropped);
    }

    /// <summary>
    /// Routes a send to a role: the best placed member (see <see cref="RoleRouter"/>), every member with
    /// broadcast, or, with nobody online, a hold (fallback queue) or a refusal (fallback reject).
    /// </summary>
    private async Task<SendMessageResponse> SendToRoleAsync(
        string mesh, AgentInfo sender, string name, string kind, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var role = RequireRole(mesh, name);
        var address = $"role:{role.Name}";
        var message = await NewMessageAsync(mesh, sender, address, kind, request.Body, request.InReplyTo, request.Metadata, cancellationToken);
        var write = new MessageWrite(message, []) { IdempotencyKey = request.IdempotencyKey };
        if (request.Broadcast)
        {
            var everyone = RoleRouter.Everyone(role, _agents.Get, sender.Id);
            if (everyone.Count == 0)
            {
                throw new MeshException(MeshErrorCode.RoleUnavailable, $"Role '{role.Name}' has no member other than you to broadcast to.");
            }
            return await AppendAsync(write with { Recipients = [.. everyone.Select(a => new Recipient(a))] }, cancellationToken);
        }
        if (RoleRouter.Pick(role, _agents.Get, sender.Id) is { } chosen)
        {
            return await AppendAsync(write with { Recipients = [new Recipient(chosen)] }, cancellationToken);
        }
        if (role.Fallback == RoleFallback.Reject)
        {
            throw new MeshException(MeshErrorCode.RoleUnavailable,
                $"No member of role '{role.Name}' is online ({string.Join(", ", role.Agents.Select(a => a.Name))}), and the role rejects rather than queues. Try again later, or send to an agent directly.");
        }
        var held = await AppendAsync(write with { HoldForRole = role.Name }, cancellationToken);
        if (!held.Duplicate)
        {
            _roles.AddHeld(mesh, role.Name, 1);
        }
        return held with { HeldFor = address };
    }

    /// <summary>
    /// Hands the agent every message held for its roles. Runs when the agent comes online (registers, or
    /// heartbeats back from offline), so a held message moves on the presence event, not on a poll.
    /// </summary>
    private async Task ReleaseHeldForAsync(AgentInfo agent, CancellationToken cancellationToken)
    {
        if (!AgentStatus.IsLive(agent.Status))
        {
            return;
        }
        foreach (var role in _roles.HoldingFor(agent.Mesh, agent.Id))
        {
            var released = await _store.ReleaseHeldAsync(agent.Mesh, role.Name, agent, _time.GetUtcNow(), cancellationToken);
            _roles.AddHeld(agent.Mesh, role.Name, -released);
            Metrics.MessageSent(released);
        }
    }

    private RoleInfo RequireRole(string mesh, string name)
    {
        RequireMesh(mesh);
        var role = _roles.Get(mesh, name);
        if (role is not null)
        {
            return role;
        }
        var roles = _roles.InMesh(mesh).Select(r => r.Name).ToList();
        var hint = roles.Count == 0 ? "There are no roles yet; create one with: mesh role create NAME --agents a,b" : $"Roles: {string.Join(", ", roles)}.";
        throw new MeshException(MeshErrorCode.RoleNotFound, $"No role '{name}' in mesh '{mesh}'. {hint}");
    }

    /// <summary>The role with each member's current name and status.</summary>
    private RoleInfo WithLiveView(RoleInfo role) =>
        role with
        {
            Agents = [.. role.Agents.Select(m => _agents.Get(m.Id) is { } a ? m with { Name = a.Name, Status = a.Status } : m with { Status = AgentStatus.Offline })],
        };
}
