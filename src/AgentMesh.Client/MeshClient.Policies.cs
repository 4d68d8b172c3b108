using AgentMesh.Protocol;
using AgentMesh.Protocol.Policies;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary>
    /// <c>GET …/agents/{agent}/policy</c>: the control commands the agent accepts (none by default). Whatever types
    /// commands into an agent's terminal reads this just before typing and asks <see cref="CommandPolicy.Allows"/>.
    /// </summary>
    public Task<AgentPolicy> GetPolicyAsync(string agent, CancellationToken cancellationToken) =>
        CallAsync(Get(AgentPath(agent, "/policy")), MeshJsonContext.Default.AgentPolicy, TimeSpan.Zero, cancellationToken);

    /// <summary><c>PUT …/agents/{agent}/policy</c>: replaces the agent's allowed commands (names such as <c>/compact</c>; empty allows none).</summary>
    public Task<AgentPolicy> SetAllowedCommandsAsync(string agent, IReadOnlyList<string> allowedCommands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allowedCommands);
        var request = new SavePolicyRequest { AllowedCommands = allowedCommands };
        return CallAsync(Put(AgentPath(agent, "/policy"), request, MeshJsonContext.Default.SavePolicyRequest),
            MeshJsonContext.Default.AgentPolicy, TimeSpan.Zero, cancellationToken);
    }
}
