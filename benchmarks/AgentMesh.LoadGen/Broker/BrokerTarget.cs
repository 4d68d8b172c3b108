using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Local;

namespace AgentMesh.LoadGen.Broker;

/// <summary>Where a running broker listens, as its <c>broker.json</c> and token file say.</summary>
internal sealed record BrokerTarget(string? SocketPath, Uri? Url, string? Token, int? Pid)
{
    /// <summary>Reads <c>broker.json</c>; null while it is missing or half-written.</summary>
    public static BrokerEndpoint? ReadEndpoint(MeshHome home)
    {
        try
        {
            var text = File.ReadAllText(home.BrokerInfoPath);
            return JsonSerializer.Deserialize(text, MeshJsonContext.Default.BrokerEndpoint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static BrokerTarget FromEndpoint(MeshHome home, BrokerEndpoint endpoint) =>
        new(endpoint.Socket, endpoint.Url is { } url ? new Uri(url) : null, home.ReadToken(), endpoint.Pid);
}
