using AgentMesh.Core.Broker;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.Core.Presence;

/// <summary>
/// Marks agents offline: 30 s (configurable) after their last sign of life (heartbeat, request, open wait or
/// stream), or at once when the agent runs on this host and its pid is gone.
/// </summary>
public sealed class PresenceSweeper(MeshBroker broker, TimeProvider time, IProcessProbe processes)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        foreach (var agent in broker.AllAgents())
        {
            if (agent.Status == AgentStatus.Offline || agent.Kind == AgentKind.Webhook)
            {
                continue;
            }
            var silent = now - broker.LastSignOfLife(agent) > broker.Options.PresenceTimeout;
            var pidGone = agent.Pid is { } pid && agent.Host == broker.Options.LocalHost && !processes.IsAlive(pid);
            if (silent || pidGone)
            {
                await broker.MarkOfflineAsync(agent, cancellationToken);
                changed++;
            }
        }
        return changed;
    }
}
