using System.Net.WebSockets;
using System.Text.Json;
using AgentMesh.Core.Broker;
using AgentMesh.Protocol;

namespace AgentMesh.Server.Streaming;

/// <summary>
/// WebSocket push: one text frame per event (the <c>MeshEvent</c> JSON). The socket is read only to notice
/// the client closing; one loop writes, so frames never interleave.
/// </summary>
internal static class WebSocketEventStream
{
    public static async Task ServeAsync(
        HttpContext context, MeshBroker broker, string mesh, string? agentId, long after, CancellationToken cancellationToken)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = WatchForCloseAsync(socket, closed);
        try
        {
            await foreach (var e in broker.Events.FollowAsync(mesh, agentId, after, closed.Token))
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(e, MeshJsonContext.Default.MeshEvent);
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            // the client closed or disconnected
        }
        catch (WebSocketException)
        {
            // the connection broke; the client resumes from its cursor
        }
        finally
        {
            await closed.CancelAsync();
            await reader;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await CloseQuietlyAsync(socket, timeout.Token);
            }
        }
    }

    private static async Task WatchForCloseAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closing either way
        }
        await closed.CancelAsync();
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the peer is already gone
        }
    }
}
