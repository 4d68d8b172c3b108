using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Roles;

namespace AgentMesh.Core.Roles;

/// <summary>
/// Picks who gets a message sent to a role: among the members that are online, an idle one before a busy one
/// (working, or waiting for its user), then the highest priority. Pure, so the rule is tested on its own.
/// </summary>
public static class RoleRouter
{
    /// <summary>The chosen agent, or null when no member other than the sender is online.</summary>
    public static AgentInfo? Pick(RoleInfo role, Func<string, AgentInfo?> agentById, string? senderId)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(agentById);
        return role.Agents
            .Select(member => (member, agent: agentById(member.Id)))
            .Where(x => x.agent is not null && x.agent.Id != senderId && AgentStatus.IsLive(x.agent.Status))
            .OrderBy(x => IsBusy(x.agent!.Status) ? 1 : 0)
            .ThenBy(x => x.member.Priority)
            .Select(x => x.agent)
            .FirstOrDefault();
    }

    /// <summary>Every member but the sender, online or not: a broadcast queues for those that are away.</summary>
    public static IReadOnlyList<AgentInfo> Everyone(RoleInfo role, Func<string, AgentInfo?> agentById, string? senderId)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(agentById);
        return [.. role.Agents.Select(m => agentById(m.Id)).OfType<AgentInfo>().Where(a => a.Id != senderId)];
    }

    public static bool IsBusy(string status) => status is AgentStatus.Working or AgentStatus.Waiting;
}
