using AgentMesh.Client;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Terminal.Supervisor;

/// <summary>
/// Finds the agent that the supervised program registered through its hooks: the one named by
/// <c>MESH_AGENT</c> when the person chose a name, otherwise the live agent on this host whose pid is the
/// program's or one of its descendants' (a launcher script may start the real program as a child).
/// </summary>
public sealed class SessionLocator(MeshClient client, int programPid, string host, string? chosenName)
{
    public async Task<AgentInfo?> FindAsync(CancellationToken cancellationToken)
    {
        if (chosenName is { Length: > 0 })
        {
            try
            {
                var named = await client.GetAgentAsync(chosenName, cancellationToken).ConfigureAwait(false);
                return AgentStatus.IsLive(named.Status) ? named : null;
            }
            catch (MeshException e) when (e.Code == MeshErrorCode.AgentNotFound)
            {
                return null;
            }
        }
        var agents = await client.ListAgentsAsync(all: false, cancellationToken).ConfigureAwait(false);
        return agents
            .Where(a => a.Pid is { } pid && string.Equals(a.Host, host, StringComparison.Ordinal) && ProcessTree.IsSelfOrDescendant(pid, programPid))
            .OrderByDescending(a => a.LastSeen)
            .FirstOrDefault();
    }
}
