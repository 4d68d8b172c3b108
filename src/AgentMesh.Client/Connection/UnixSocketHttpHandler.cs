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
/// <remarks>
/// The socket I/O is synchronous, on the caller's thread, and <see cref="SendAsync"/> returns a finished task: in a
/// process that makes two requests and exits, asynchronous sockets only start the epoll thread and the thread pool
/// (and their failures capture a stack trace with file and line numbers, which loads the pdbs), tens of milliseconds
/// that a hook pays on every prompt. Cancellation still works: it closes the socket, which ends a blocked read.
/// </remarks>
internal sealed class UnixSocketHttpHandler(string socketPath) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(Send(request, cancellationToken));
        }
        catch (Exception e)
        {
            return Task.FromException<HttpResponseMessage>(e);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var body = Body(request, cancellationToken);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var closeOnCancel = cancellationToken.Register(static s => (s as Socket)?.Dispose(), socket);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Cannot connect to {socketPath}: {e.Message}", e);
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        try
        {
            // One write: a broker that answers a GET early and closes must not meet a second (empty) write.
            var message = Request(request, body);
            for (var sent = 0; sent < message.Length;)
            {
                sent += socket.Send(message.AsSpan(sent));
            }
            var answer = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = socket.Receive(buffer)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
            return HttpAnswer.Parse(answer.GetBuffer().AsSpan(0, (int)answer.Length), request);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The connection to {socketPath} broke: {e.Message}", e);
        }
    }

    private static byte[] Body(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return [];
        }
        var body = new MemoryStream();
        request.Content.CopyTo(body, context: null, cancellationToken);
        return body.ToArray();
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
