using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using AgentMesh.Client.Errors;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Client.Sending;

/// <summary>
/// Pipelined sends as one agent over one WebSocket (the broker's send socket, docs/protocol.md). Any number of
/// <see cref="SendAsync"/> calls may run at once: each writes its frame at once and completes when the broker
/// answers that frame, which it does only after the message is committed, so a completed send is as durable as
/// a 201 from POST. Refusals are the same <see cref="MeshException"/>s as the REST client throws. If the socket
/// drops, every send not yet answered fails with <see cref="MeshErrorCode.BrokerUnavailable"/>: it may or may
/// not have been stored, and the caller knows it was not acknowledged (an idempotency key makes a retry safe).
/// Thread-safe. Dispose closes the socket after the answers still owed have arrived.
/// </summary>
public sealed class MeshSendChannel : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly string _where;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<SendMessageResponse>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reader;
    private long _nextRef;
    private volatile MeshException? _lost;

    internal MeshSendChannel(ClientWebSocket socket, string agent, string where)
    {
        _socket = socket;
        Agent = agent;
        _where = where;
        _reader = ReadAnswersAsync();
    }

    /// <summary>The agent every message on this channel is sent as.</summary>
    public string Agent { get; }

    /// <summary>Sends not yet answered.</summary>
    public int InFlight => _pending.Count;

    /// <summary>
    /// Sends one message and returns once the broker has committed it. Cancelling stops the wait only: a frame
    /// already written may still be stored.
    /// </summary>
    public async Task<SendMessageResponse> SendAsync(SendMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = Interlocked.Increment(ref _nextRef);
        var answer = new TaskCompletionSource<SendMessageResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[reference] = answer;
        if (_lost is { } lost)
        {
            _pending.TryRemove(reference, out _);
            throw lost;
        }
        var frame = new ArrayBufferWriter<byte>(256 + request.Body.Length);
        SendFrame.Write(frame, reference.ToString(CultureInfo.InvariantCulture), request);
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            _pending.TryRemove(reference, out _);
            throw Lost($"could not write to it ({e.Message})", e);
        }
        catch (OperationCanceledException)
        {
            _pending.TryRemove(reference, out _);
            throw;
        }
        using (cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource<SendMessageResponse>)state!).TrySetCanceled(), answer))
        {
            try
            {
                return await answer.Task.ConfigureAwait(false);
            }
            finally
            {
                _pending.TryRemove(reference, out _);
            }
        }
    }

    private async Task ReadAnswersAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
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
                Complete(JsonSerializer.Deserialize(buffer.WrittenSpan, MeshJsonContext.Default.SendAnswer));
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

    private void Complete(SendAnswer? answer)
    {
        if (answer?.Ref is null || !long.TryParse(answer.Ref, CultureInfo.InvariantCulture, out var reference)
            || !_pending.TryRemove(reference, out var waiting))
        {
            return; // an answer to a send whose caller stopped waiting
        }
        if (answer is { Status: 200 or 201, Message: { } sent })
        {
            waiting.TrySetResult(sent);
            return;
        }
        waiting.TrySetException(ProblemTranslator.ToException(answer.Problem, (HttpStatusCode)answer.Status, answer.RetryAfter,
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
                waiting.TrySetException(lost);
            }
        }
    }

    /// <summary>Closes the socket: the broker answers the sends it already has first, then the socket ends.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _writeLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _writeLock.Release(); // a send still waiting for the lock then fails on the closed socket instead of waiting forever
                }
            }
            await _reader.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // gone already, or the broker did not finish in time: the reader is stopped below either way
        }
        await _closing.CancelAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _socket.Dispose();
        _closing.Dispose();
    }
}
