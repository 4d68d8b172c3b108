using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;

namespace AgentMesh.LoadGen.Push;

/// <summary>Follows an events route over a WebSocket: one <c>MeshEvent</c> JSON text frame per event.</summary>
internal sealed class WebSocketSubscriber(ClientWebSocket socket) : IPushSubscriber
{
    public string Transport => "WebSocket";

    public async Task RunAsync(Action<MeshEvent> onQueued, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(message.GetMemory(8 * 1024), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Advance(result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var e = JsonSerializer.Deserialize(message.WrittenSpan, MeshJsonContext.Default.MeshEvent);
                message.ResetWrittenCount();
                if (e is { Type: MeshEventType.MessageQueued })
                {
                    onQueued(e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the scenario is done with this socket
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // the broker is already gone; nothing to close
            }
        }
        socket.Dispose();
    }
}
