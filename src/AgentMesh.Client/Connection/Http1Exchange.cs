using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace AgentMesh.Client.Connection;

/// <summary>
/// One HTTP/1.1 request and its whole answer over a fresh connection (<c>Connection: close</c>), written by hand and
/// synchronous on the caller's thread: what <see cref="ShortLivedMeshClient"/> is made of. A process that makes two
/// requests and exits (a Claude Code hook) would spend more on loading <see cref="HttpClient"/> and its handler, and on
/// starting the thread pool and the epoll thread for asynchronous sockets, than on the requests (docs/benchmarks.md).
/// Cancellation closes the connection, which ends a blocked read or write.
/// </summary>
internal static class Http1Exchange
{
    private const int ReadSize = 16 * 1024;

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/> (relative, <c>v1/meshes/…</c>, with its query string) and
    /// the JSON <paramref name="body"/> (or none) to the broker at <paramref name="location"/>; one read or write may wait
    /// <paramref name="timeout"/>. Fails with an <see cref="Http1Exception"/>, or is cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public static Http1Answer Send(BrokerLocation location, string method, string path, byte[]? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var socket = location.SocketPath is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var closeOnCancel = cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket);
        try
        {
            Connect(socket, location);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new Http1Exception(Http1Failure.NoConnection, $"Cannot connect to {location.Where}: {e.Message}", e);
        }
        socket.ReceiveTimeout = socket.SendTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
        using var stream = Open(socket, location);
        try
        {
            // One write: a broker that answers early and closes must not meet a second (empty) write.
            stream.Write(Request(location, method, path, body));
            var answer = new MemoryStream();
            var buffer = new byte[ReadSize];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
            return Http1Answer.Parse(answer.GetBuffer().AsSpan(0, (int)answer.Length));
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new Http1Exception(Http1Failure.TimedOut, $"No answer from {location.Where} within {timeout.TotalSeconds:0.###} s.", e);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new Http1Exception(Http1Failure.Broken, $"The connection to {location.Where} broke: {e.Message}", e);
        }
    }

    private static void Connect(Socket socket, BrokerLocation location)
    {
        if (location.SocketPath is { } path)
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return;
        }
        var url = location.Url ?? throw new ArgumentException("A location needs a socket path or a url.", nameof(location));
        socket.Connect(url.IdnHost, url.Port);
    }

    /// <summary>The connection as a stream: TLS for an https url (certificates checked as for any https client).</summary>
    private static Stream Open(Socket socket, BrokerLocation location)
    {
        var network = new NetworkStream(socket, ownsSocket: true);
        return location.Url is { Scheme: "https" } url ? Tls(network, url, location.Where) : network;
    }

    /// <summary>
    /// A method of its own, whose signature does not name <see cref="SslStream"/>, so that only an https broker loads TLS
    /// (System.Net.Security, and OpenSSL behind it): a hook on the unix socket would otherwise pay for them on every run.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Stream Tls(NetworkStream network, Uri url, string where)
    {
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            tls.AuthenticateAsClient(url.IdnHost);
            return tls;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            tls.Dispose();
            throw new Http1Exception(Http1Failure.Broken, $"The TLS handshake with {where} failed: {e.Message}", e);
        }
    }

    /// <summary>The request line, the headers HTTP/1.1 and the broker need, the body.</summary>
    private static byte[] Request(BrokerLocation location, string method, string path, byte[]? body)
    {
        var prefix = location.Url?.AbsolutePath.TrimEnd('/') ?? "";
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(prefix).Append('/').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(location.Url?.Authority ?? "localhost").Append("\r\nConnection: close\r\n");
        if (location.Url is not null && location.Token is { } token)
        {
            head.Append("Authorization: Bearer ").Append(token).Append("\r\n");
        }
        if (body is not null)
        {
            head.Append("Content-Type: application/json\r\n");
        }
        if (body is not null || method != "GET")
        {
            head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\n");
        }
        head.Append("\r\n");
        var text = head.ToString();
        var bytes = new byte[Encoding.ASCII.GetByteCount(text) + (body?.Length ?? 0)];
        var written = Encoding.ASCII.GetBytes(text, bytes);
        body?.CopyTo(bytes, written);
        return bytes;
    }
}
