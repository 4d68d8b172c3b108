using System.Net;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Server.Hosting;

/// <summary>
/// Loopback only. A broker reachable from other machines needs TLS and per-agent keys, which this broker
/// does not configure yet, so any other address is refused before anything listens.
/// </summary>
internal static class ListenerPolicy
{
    public static IPAddress ResolveLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }
        if (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
        {
            return address;
        }
        throw new MeshException(MeshErrorCode.InvalidRequest,
            $"Refusing to listen on '{host}': only loopback addresses (127.0.0.1, ::1, localhost) are allowed, because a " +
            "non-loopback broker needs TLS and per-agent keys. Use the default 127.0.0.1 and reach it from elsewhere through an SSH tunnel.");
    }
}
