using AgentMesh.Mcp.Operations;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Mcp.Hosting;

/// <summary>
/// What one MCP connection acts with: the mesh operations and the acting agent. Over stdio the agent is the
/// one <c>mesh mcp</c> registers (<paramref name="ready"/> completes when that registration was tried, so the
/// server can answer the handshake while it runs); over HTTP it comes from the <c>X-Mesh-Agent</c> header
/// (or <c>?agent=</c>) of each request, so it may be missing.
/// </summary>
public sealed class MeshSession(IMeshOperations operations, string? agent, string missingAgentAdvice, Task? ready = null)
{
    public IMeshOperations Operations { get; } = operations;

    /// <summary>The acting agent's name or id, or null when the connection named none.</summary>
    public string? Agent { get; } = agent;

    /// <summary>
    /// The acting agent, once its registration was tried; a tool that acts as someone fails with the advice
    /// given at construction when there is none, and with the registration's error when it was refused.
    /// </summary>
    public async ValueTask<string> RequireAgentAsync(CancellationToken cancellationToken)
    {
        if (ready is not null)
        {
            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return Agent ?? throw new MeshException(MeshErrorCode.InvalidRequest, missingAgentAdvice);
    }
}
