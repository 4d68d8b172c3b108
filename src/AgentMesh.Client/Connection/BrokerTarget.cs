using System.Net.Http.Headers;
using System.Net.Sockets;

namespace AgentMesh.Client.Connection;

/// <summary>
/// A <see cref="BrokerLocation"/> with the <see cref="HttpClient"/> that reaches it: over the unix socket
/// no token is sent (the socket's file mode is the authorisation); over TCP the bearer token is.
/// </summary>
internal sealed class BrokerTarget : IDisposable
{
    private static readonly Uri _socketBase = new("http://localhost/");

    private BrokerTarget(BrokerLocation location, HttpClient http)
    {
        Location = location;
        Http = http;
    }

    public BrokerLocation Location { get; }
    public HttpClient Http { get; }
    public string Where => Location.Where;

    /// <summary>
    /// The client for <paramref name="location"/>; <paramref name="handler"/> replaces the network (tests).
    /// </summary>
    public static BrokerTarget Create(BrokerLocation location, HttpMessageHandler? handler = null)
    {
        if (location.SocketPath is { } socketPath)
        {
            handler ??= SocketHandler(socketPath);
            return new BrokerTarget(location, CreateHttp(handler, _socketBase));
        }
        var url = location.Url ?? throw new ArgumentException("A location needs a socket path or a url.", nameof(location));
        handler ??= new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        // A trailing slash keeps a path prefix (http://host/mesh/) when relative routes are resolved against it.
        var baseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        var http = CreateHttp(handler, baseAddress);
        if (location.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new BrokerTarget(location, http);
    }

    internal static SocketsHttpHandler SocketHandler(string socketPath) => new()
    {
        // Connects afresh for every pooled connection: a restarted broker binds a new socket at the same path.
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    private static HttpClient CreateHttp(HttpMessageHandler handler, Uri baseAddress)
    {
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("agentmesh-client", ClientVersion.Current));
        return http;
    }

    public void Dispose() => Http.Dispose();
}
