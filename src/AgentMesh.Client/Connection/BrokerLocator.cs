using System.Diagnostics;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Client.Connection;

/// <summary>
/// Decides where the broker is. An explicit url wins. Otherwise the local broker: its unix socket when the
/// socket file exists; else the TCP url a live broker wrote to <c>broker.json</c> (a broker started
/// without a socket); else the socket path, where an autostarted broker will appear.
/// </summary>
internal static class BrokerLocator
{
    public static BrokerLocation Locate(MeshClientOptions options)
    {
        if (options.Url is { } url)
        {
            return BrokerLocation.Tcp(url, options.Token ?? options.Home.ReadToken(), isExplicit: true);
        }
        var home = options.Home;
        if (!File.Exists(home.SocketPath) && ReadEndpoint(home) is { Url: { } advertised } endpoint
            && IsAlive(endpoint.Pid)
            && Uri.TryCreate(advertised, UriKind.Absolute, out var discovered))
        {
            return BrokerLocation.Tcp(discovered, options.Token ?? home.ReadToken(), isExplicit: false);
        }
        return BrokerLocation.Socket(home.SocketPath);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process: broker.json is left over from a broker that died
        }
    }

    /// <summary>What the running broker wrote to <c>broker.json</c>, or null if it is missing or unreadable.</summary>
    public static BrokerEndpoint? ReadEndpoint(MeshHome home)
    {
        try
        {
            using var stream = File.OpenRead(home.BrokerInfoPath);
            return JsonSerializer.Deserialize(stream, MeshJsonContext.Default.BrokerEndpoint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // No broker has written it yet, or one is writing it right now: both mean "not known".
            return null;
        }
    }
}
