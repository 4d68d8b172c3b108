using AgentMesh.Protocol;
using AgentMesh.Protocol.Meshes;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary><c>GET /v1/status</c>. Never autostarts: asking whether a broker runs must not start one.</summary>
    public Task<BrokerStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        CallAsync(Get("v1/status"), MeshJsonContext.Default.BrokerStatus, TimeSpan.Zero, cancellationToken, autostart: false);

    /// <summary><c>GET /v1/meshes</c>.</summary>
    public async Task<IReadOnlyList<MeshInfo>> ListMeshesAsync(CancellationToken cancellationToken) =>
        (await CallAsync(Get("v1/meshes"), MeshJsonContext.Default.MeshList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Meshes;

    /// <summary><c>POST /v1/meshes</c>; idempotent.</summary>
    public Task<MeshInfo> CreateMeshAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CallAsync(Post("v1/meshes", new CreateMeshRequest(name), MeshJsonContext.Default.CreateMeshRequest),
            MeshJsonContext.Default.MeshInfo, TimeSpan.Zero, cancellationToken);
    }
}
