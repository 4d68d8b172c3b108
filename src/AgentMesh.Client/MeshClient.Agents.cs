using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary><c>POST /v1/meshes/{mesh}/agents</c>: registers, or refreshes an agent of the same name (same id).</summary>
    public Task<AgentInfo> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(Post(MeshPath("/agents"), request, MeshJsonContext.Default.RegisterAgentRequest),
            MeshJsonContext.Default.AgentInfo, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>POST …/agents/{agent}/heartbeat</c>, optionally changing the status.</summary>
    public Task<AgentInfo> HeartbeatAsync(string agent, string? status, CancellationToken cancellationToken) =>
        CallAsync(Post(AgentPath(agent, "/heartbeat"), new HeartbeatRequest { Status = status }, MeshJsonContext.Default.HeartbeatRequest),
            MeshJsonContext.Default.AgentInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>DELETE …/agents/{agent}</c>: marks it offline; its history and queue are kept.</summary>
    public Task<AgentInfo> UnregisterAsync(string agent, CancellationToken cancellationToken) =>
        CallAsync(Delete(AgentPath(agent)), MeshJsonContext.Default.AgentInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>GET …/agents[?all=true]</c>: live agents with their unread counts; <paramref name="all"/> adds offline ones.</summary>
    public async Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(bool all, CancellationToken cancellationToken) =>
        (await CallAsync(Get(WithQuery(MeshPath("/agents"), ("all", all ? true : null))),
            MeshJsonContext.Default.AgentList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Agents;

    /// <summary><c>GET …/agents/{agent}</c>, by name, id or folder.</summary>
    public Task<AgentInfo> GetAgentAsync(string agent, CancellationToken cancellationToken) =>
        CallAsync(Get(AgentPath(agent)), MeshJsonContext.Default.AgentInfo, TimeSpan.Zero, cancellationToken);
}
