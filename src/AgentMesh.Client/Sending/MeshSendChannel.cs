using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using AgentMesh.Client.Errors;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Client.Sending;

/// <summary>
/// Pipelined sends as one agent over one WebSocket (the broker's send socket, docs/protocol.md). Any number of
/// <see cref="SendAsync"/> calls may run at once: each queues its frame for the one writer loop (sends queued
/// together go out in one batch frame, <see cref="SendBatch"/>) and completes when the broker
/// answers that frame, which it does only after the message is committed, so a completed send is as durable as
/// a 201 from POST. Refusals are the same <see cref="MeshException"/>s as the REST client throws. If the socket
/// drops, every send not yet answered fails with <see cref="MeshErrorCode.BrokerUnavailable"/>: it may or may
/// not have been stored, and the caller knows it was not acknowledged (an idempotency key makes a retry safe).
/// Thread-safe. Dispose closes the socket after the answers still owed have arrived.
/// </summary>
public sealed class MeshSendChannel : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly string _where;
    private readonly ConcurrentDictionary<long, QueuedSend> _pending = new();
    private readonly Channel<QueuedSend> _outbox = Channel.CreateUnbounded<QueuedSend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reader;
    private readonly Task _writer;
    private long _nextRef;
    private volatile MeshException? _lost;

    internal MeshSendChannel(WebSocket socket, string agent, string where)
    {
        _socket = socket;
        Agent = agent;
        _where = where;
        _reader = ReadAnswersAsync();
        _writer = WriteFramesAsync();
    }

    /// <summary>The agent every message on this channel is sent as.</summary>
    public string Agent { get; }

    /// <summary>Sends not yet answered.</summary>
    public int InFlight => _pending.Count;

    /// <summary>
    /// Sends one message and returns once the broker has committed it. Cancelling stops the wait; a send
    /// cancelled before its frame was written is not sent, one already written may still be stored.
    /// </summary>
    public async Task<SendMessageResponse> SendAsync(SendMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var reference = Interlocked.Increment(ref _nextRef);
        var frame = new ArrayBufferWriter<byte>(256 + request.Body.Length);
        SendFrame.Write(frame, reference.ToString(CultureInfo.InvariantCulture), request);
        var queued = new QueuedSend(frame);
        _pending[reference] = queued;
        if (_lost is not null || !_outbox.Writer.TryWrite(queued))
        {
            _pending.TryRemove(reference, out _);
            throw _lost ?? Lost("it was closed", null);
        }
        using (cancellationToken.UnsafeRegister(static state => ((QueuedSend)state!).Cancel(), queued))
        {
            try
            {
                return await queued.Answer.ConfigureAwait(false);
            }
            finally
            {
                _pending.TryRemove(reference, out _);
            }
        }
    }

    /// <summary>
    /// The one loop that writes to the socket. The sends queued while the previous frame was being written go
    /// out together, as one array frame of up to <see cref="SendBatch.MaxBytes"/> (like a producer's batching,
    /// with no added wait: a lone send goes out at once, on its own).
    /// </summary>
    private async Task WriteFramesAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(SendBatch.MaxBytes + 1024);
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            var count = 0;
            while (reader.TryPeek(out var next) && (count == 0 || buffer.WrittenCount + next.Frame.WrittenCount + 2 <= SendBatch.MaxBytes))
            {
                reader.TryRead(out _);
                if (!next.TryClaim())
                {
                    continue; // cancelled before it was written: it is not sent
                }
                buffer.Write(count == 0 ? "["u8 : ","u8);
                buffer.Write(next.Frame.WrittenSpan);
                count++;
            }
            if (count == 0 || _lost is not null)
            {
                continue;
            }
            buffer.Write("]"u8);
            var frame = count == 1 ? buffer.WrittenMemory[1..^1] : buffer.WrittenMemory; // one send goes as a plain frame
            try
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                FailAll(Lost($"could not write to it ({e.Message})", e));
            }
        }
    }

    private async Task ReadAnswersAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var answers = new List<SendAnswer>();
        string why = "the broker closed it";
        Exception? inner = null;
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _closing.Token).ConfigureAwait(false);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                answers.Clear();
                SendBatch.ReadAnswers(buffer.WrittenSpan, answers);
                foreach (var answer in answers)
                {
                    Complete(answer);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or JsonException or OperationCanceledException)
        {
            why = e is OperationCanceledException ? "it was closed before the broker answered" : $"it broke ({e.Message})";
            inner = e;
        }
        finally
        {
            FailAll(Lost(why, inner)); // whatever ended the loop, nobody waits for an answer that cannot come
        }
    }

    private void Complete(SendAnswer answer)
    {
        if (answer.Ref is null || !long.TryParse(answer.Ref, CultureInfo.InvariantCulture, out var reference)
            || !_pending.TryRemove(reference, out var waiting))
        {
            return; // an answer to a send whose caller stopped waiting
        }
        if (answer is { Status: 200 or 201, Message: { } sent })
        {
            waiting.Succeed(sent);
            return;
        }
        waiting.Fail(ProblemTranslator.ToException(answer.Problem, (HttpStatusCode)answer.Status, answer.RetryAfter,
            $"The broker refused the send with status {answer.Status}."));
    }

    private MeshException Lost(string why, Exception? inner) => _lost ?? new MeshException(MeshErrorCode.BrokerUnavailable,
        $"The send socket to {_where} is gone: {why}. Sends not answered were not acknowledged; retry them (with idempotency keys to be safe).", inner);

    private void FailAll(MeshException lost)
    {
        _lost = lost;
        foreach (var reference in _pending.Keys)
        {
            if (_pending.TryRemove(reference, out var waiting))
            {
                waiting.Fail(lost);
            }
        }
    }

    /// <summary>Closes the socket: the broker answers the sends it already has first, then the socket ends.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            _outbox.Writer.TryComplete();
            await _writer.WaitAsync(timeout.Token).ConfigureAwait(false); // every queued send is written first
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
            }
            await _reader.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // gone already, or the broker did not finish in time: the reader is stopped below either way
        }
        await _closing.CancelAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        FailAll(_lost ?? Lost("it was closed", null)); // sends still queued if the writer timed out
        if (!_writer.IsCompleted)
        {
            _socket.Abort(); // a write the broker never took (it stopped reading) ends here
        }
        await _writer.ConfigureAwait(false);
        _socket.Dispose();
        _closing.Dispose();
    }
}
