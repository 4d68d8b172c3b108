using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AgentMesh.Mcp.Hosting;

/// <summary>
/// Keeps the stdio server on the <c>initialize</c> handshake (2025-11-25 and older), where a session exists
/// for server-initiated notifications. It answers the 2026-07-28 <c>server/discover</c> probe itself with
/// "method not found", as an initialize-only server would, so clients fall back to <c>initialize</c>.
/// Why not <see cref="ModelContextProtocol.Server.McpServerOptions.ProtocolVersion"/>: pinning it to
/// 2025-11-25 also refuses clients that ask for older revisions; and leaving the SDK to negotiate has a race:
/// a probe that reaches a slow-starting server after the client gave up on it (5 s) locks the server to
/// 2026-07-28, and the client's fallback <c>initialize</c> is then refused.
/// </summary>
internal sealed class InitializeHandshakeTransport : ITransport
{
    private const string DiscoverMethod = "server/discover";
    private readonly ITransport _inner;
    private readonly Channel<JsonRpcMessage> _messages = Channel.CreateBounded<JsonRpcMessage>(
        new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _relay;

    public InitializeHandshakeTransport(ITransport inner)
    {
        _inner = inner;
        _relay = RelayAsync();
    }

    public string? SessionId => _inner.SessionId;

    public ChannelReader<JsonRpcMessage> MessageReader => _messages.Reader;

    public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) =>
        _inner.SendMessageAsync(message, cancellationToken);

    private async Task RelayAsync()
    {
        try
        {
            // Waiting (not dropping) when full: it pushes back on reading stdin, which is what a client expects.
            await foreach (var message in _inner.MessageReader.ReadAllAsync().ConfigureAwait(false))
            {
                if (message is JsonRpcRequest { Method: DiscoverMethod } discover)
                {
                    await _inner.SendMessageAsync(new JsonRpcError
                    {
                        Id = discover.Id,
                        Error = new JsonRpcErrorDetail
                        {
                            Code = (int)McpErrorCode.MethodNotFound,
                            Message = "This server speaks the initialize handshake (2025-11-25 and earlier); send initialize.",
                        },
                    }).ConfigureAwait(false);
                    continue;
                }
                await _messages.Writer.WriteAsync(message).ConfigureAwait(false);
            }
            _messages.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _messages.Writer.TryComplete(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await _relay.ConfigureAwait(false); // never throws: failures complete the channel instead
    }
}
