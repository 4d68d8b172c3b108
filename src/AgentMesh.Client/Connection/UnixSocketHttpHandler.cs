using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace AgentMesh.Client.Connection;

/// <summary>
/// HTTP/1.1 over the broker's unix socket, written by hand: one connection per request (<c>Connection: close</c>),
/// the whole answer read before it is returned. For processes that live for a handful of requests — Claude Code's
/// hooks and statusline — where loading and jitting <see cref="SocketsHttpHandler"/> (connection pool, HTTP/2,
/// telemetry) cost more than the requests (docs/benchmarks.md). Not for streams: an answer is read to its end.
/// A failed connect is an <see cref="HttpRequestError.ConnectionError"/>, as from SocketsHttpHandler, so the
/// client's "no broker" handling stays the same.
/// </summary>
internal sealed class UnixSocketHttpHandler(string socketPath) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Cannot connect to {socketPath}: {e.Message}", e);
        }
        using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            // One write: a broker that answers a GET early and closes must not meet a second (empty) write.
            await stream.WriteAsync(Request(request, body), cancellationToken).ConfigureAwait(false);
            using var answer = new MemoryStream();
            await stream.CopyToAsync(answer, cancellationToken).ConfigureAwait(false);
            return HttpAnswer.Parse(answer.GetBuffer().AsSpan(0, (int)answer.Length), request);
        }
        catch (IOException e)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The connection to {socketPath} broke: {e.Message}", e);
        }
    }

    /// <summary>The request line, the headers (the request's own, its content's, and what HTTP/1.1 needs), the body.</summary>
    private static byte[] Request(HttpRequestMessage request, byte[] body)
    {
        var head = new StringBuilder()
            .Append(request.Method.Method).Append(' ').Append(request.RequestUri?.PathAndQuery ?? "/").Append(" HTTP/1.1\r\n")
            .Append("Host: localhost\r\nConnection: close\r\n");
        AppendHeaders(head, request.Headers);
        if (request.Content is not null)
        {
            AppendHeaders(head, request.Content.Headers);
        }
        if (request.Content is not null || request.Method != HttpMethod.Get)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }
        head.Append("\r\n");
        var bytes = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + body.Length];
        var written = Encoding.ASCII.GetBytes(head.ToString(), bytes);
        body.CopyTo(bytes, written);
        return bytes;
    }

    private static void AppendHeaders(StringBuilder head, HttpHeaders headers)
    {
        foreach (var (name, values) in headers)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
            }
        }
    }
}
