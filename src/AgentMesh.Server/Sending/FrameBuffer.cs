using System.Net.WebSockets;

namespace AgentMesh.Server.Sending;

/// <summary>
/// Reads one whole WebSocket message into a buffer reused from frame to frame, growing up to the frame limit.
/// A message over the limit is read to its end and dropped, keeping only its first bytes (enough to find its
/// <c>ref</c>), so the socket stays usable and the refusal can still name the frame.
/// </summary>
internal sealed class FrameBuffer(long maxBytes)
{
    private readonly long _maxBytes = Math.Max(maxBytes, 2 * 4 * 1024);
    private const int InitialSize = 4 * 1024;
    private byte[] _buffer = new byte[InitialSize];
    private int _length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>False when the message was over the limit (<see cref="Span"/> then holds only its start).</summary>
    public bool Complete { get; private set; }

    /// <summary>Reads the next message; false when the client closed instead.</summary>
    public async ValueTask<bool> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        _length = 0;
        Complete = true;
        while (true)
        {
            if (Complete && _length == _buffer.Length)
            {
                if (_buffer.Length < _maxBytes)
                {
                    Array.Resize(ref _buffer, (int)Math.Min(_maxBytes, _buffer.Length * 2L));
                }
                else
                {
                    Complete = false;
                    _length = InitialSize; // keep the start; read the rest into what follows it, and forget it
                }
            }
            var target = Complete ? _buffer.AsMemory(_length) : _buffer.AsMemory(InitialSize);
            var result = await socket.ReceiveAsync(target, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }
            if (Complete)
            {
                _length += result.Count;
            }
            if (result.EndOfMessage)
            {
                return true;
            }
        }
    }
}
