using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace AgentMesh.LoadGen.Broker;

/// <summary>
/// HTTP to the broker the way a local agent reaches it: over the unix socket (no token; the socket's file
/// mode is the authorisation), or over loopback TCP with the bearer token. One pooled handler per client,
/// unlimited connections, so N concurrent senders get N connections.
/// </summary>
internal static class MeshConnection
{
    private static readonly Uri SocketBase = new("http://localhost");

    public static HttpClient CreateClient(BrokerTarget target, string transport)
    {
        var (handler, baseAddress) = CreateHandler(target, transport);
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (transport == "tcp")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        }
        return client;
    }

    /// <summary>A WebSocket to <paramref name="pathAndQuery"/>, over the same transport as the HTTP clients.</summary>
    public static async Task<ClientWebSocket> ConnectWebSocketAsync(BrokerTarget target, string transport, string pathAndQuery, CancellationToken cancellationToken)
    {
        var (handler, baseAddress) = CreateHandler(target, transport);
        var socket = new ClientWebSocket();
        if (transport == "tcp")
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + target.Token);
        }
        var uri = new UriBuilder(new Uri(baseAddress, pathAndQuery)) { Scheme = "ws" }.Uri;
        try
        {
            // The invoker carries the unix-socket ConnectCallback; ClientWebSocket does not own it.
            await socket.ConnectAsync(uri, new HttpMessageInvoker(handler, disposeHandler: true), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<bool> IsHealthyAsync(BrokerTarget target, CancellationToken cancellationToken)
    {
        using var client = CreateClient(target, target.SocketPath is not null ? "unix" : "tcp");
        try
        {
            using var response = await client.GetAsync("/healthz", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static (SocketsHttpHandler Handler, Uri BaseAddress) CreateHandler(BrokerTarget target, string transport)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        if (transport == "tcp")
        {
            return (handler, target.Url ?? throw new InvalidOperationException("The broker has no TCP listener; use --transport unix."));
        }
        var socketPath = target.SocketPath ?? throw new InvalidOperationException("The broker has no unix socket; use --transport tcp.");
        handler.ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return (handler, SocketBase);
    }
}
