using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using AgentMesh.Core.Broker;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Server.Security;

namespace AgentMesh.Server.Sending;

/// <summary>
/// Pipelined sends over one WebSocket (docs/protocol.md, "Send socket"). Each text frame is one send, or an
/// array of sends (<see cref="SendBatch"/>) handled one after the other as if each were a frame; the
/// read loop hands each to <see cref="MeshBroker.SendAsync"/> without waiting for the previous one's commit, so
/// the single writer's group commit takes many of them per fsync. Each answer is written when its send is
/// durable, by one writer loop (frames never interleave), in whatever order commits finish: <c>ref</c>
/// correlates; the answers ready at once share a frame. At most <see cref="MaxInFlight"/> sends are unanswered
/// at a time; beyond that the socket is not read (backpressure reaches the client through TCP). A frame that is
/// refused is answered with a problem and the socket stays open.
/// </summary>
internal sealed partial class SendSocket
{
    public const int MaxInFlight = 256;

    /// <summary>An answer frame stops taking more answers at about this size (a frame holds at least one).</summary>
    private const int AnswerFrameBytes = 64 * 1024;

    private readonly WebSocket _socket;
    private readonly MeshBroker _broker;
    private readonly string _mesh;
    private readonly AgentInfo _sender;
    private readonly string _principal;
    private readonly PrincipalRateLimiter _limiter;
    private readonly long _maxFrameBytes;
    private readonly string _connectionId;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    // Unbounded, but never holds more than MaxInFlight answers: a slot is freed only once its answer is written.
    private readonly Channel<SendAnswer> _answers = Channel.CreateUnbounded<SendAnswer>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FrameBuffer _frame;
    private readonly List<Range> _entries = [];
    private int _pending = 1; // the read loop holds one until it ends, so the count reaches 0 only after it
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SendSocket(
        WebSocket socket, MeshBroker broker, string mesh, AgentInfo sender, string principal, PrincipalRateLimiter limiter,
        long maxFrameBytes, string connectionId, ILogger logger)
    {
        _socket = socket;
        _broker = broker;
        _mesh = mesh;
        _sender = sender;
        _principal = principal;
        _limiter = limiter;
        _maxFrameBytes = maxFrameBytes;
        _connectionId = connectionId;
        _logger = logger;
        _frame = new FrameBuffer(maxFrameBytes);
    }

    public static async Task ServeAsync(
        HttpContext context, MeshBroker broker, string mesh, AgentInfo sender, PrincipalRateLimiter limiter, long maxFrameBytes, ILogger logger)
    {
        var principal = RateLimitingSetup.PartitionKey(context);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new SendSocket(socket, broker, mesh, sender, principal, limiter, maxFrameBytes, context.TraceIdentifier, logger);
        await session.RunAsync(context.RequestAborted);
    }

    private async Task RunAsync(CancellationToken aborted)
    {
        var writer = WriteAnswersAsync(aborted);
        try
        {
            await ReadFramesAsync(aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the client left or the broker is stopping: sends already handed over finish, answers go if they can
        }
        finally
        {
            Done(); // the read loop's own share of _pending
            await _drained.Task;
            _answers.Writer.TryComplete();
            await writer;
            await CloseAsync();
        }
    }

    private async Task ReadFramesAsync(CancellationToken aborted)
    {
        while (true)
        {
            await TakeSlotAsync(aborted);
            if (!await _frame.ReceiveAsync(_socket, aborted))
            {
                _slots.Release();
                return; // the client closed its side
            }
            if (_frame.Complete && SendBatch.IsBatch(_frame.Span))
            {
                await HandleBatchAsync(aborted);
            }
            else
            {
                HandleTaken(_frame.Span, _frame.Complete, aborted);
            }
        }
    }

    private async ValueTask TakeSlotAsync(CancellationToken aborted)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            _broker.Metrics.SendSocketStalled();
            await _slots.WaitAsync(aborted);
        }
    }

    /// <summary>
    /// A batch frame: each entry is handled as a frame of its own, in order, each with its own slot (the first
    /// entry uses the one taken for the frame). Past a point of damage the rest is one entry answered as invalid JSON.
    /// </summary>
    private async Task HandleBatchAsync(CancellationToken aborted)
    {
        _entries.Clear();
        var damagedAt = SendBatch.Split(_frame.Span, _entries);
        if (damagedAt is { } at)
        {
            _entries.Add(at.._frame.Span.Length);
        }
        if (_entries.Count == 0)
        {
            _slots.Release(); // an empty batch asks for nothing, so nothing is answered
            return;
        }
        for (var i = 0; i < _entries.Count; i++)
        {
            if (i > 0)
            {
                await TakeSlotAsync(aborted);
            }
            // The frame buffer is not reused before the next receive, so the ranges still hold across the wait above.
            // A damaged last entry fails to parse like any broken frame: answered invalid_json, with its ref if readable.
            HandleTaken(_frame.Span[_entries[i]], complete: true, aborted);
        }
    }

    /// <summary>Handles one send whose slot is taken; it is answered whatever happens.</summary>
    private void HandleTaken(ReadOnlySpan<byte> frame, bool complete, CancellationToken aborted)
    {
        Interlocked.Increment(ref _pending);
        _broker.Metrics.SendSocketFrameTaken();
        try
        {
            Handle(frame, complete, aborted);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // A frame must never go unanswered: the socket's close waits for every answer it owes.
            Answer(null, Translate(unexpected));
        }
    }

    /// <summary>
    /// Checks the frame and starts its send. Runs on the read loop up to the send's first wait for the writer,
    /// so one socket's sends reach the writer in frame order.
    /// </summary>
    private void Handle(ReadOnlySpan<byte> frame, bool complete, CancellationToken aborted)
    {
        var (reference, from) = SendFrame.ReadHeader(frame, complete);
        if (!complete)
        {
            Answer(reference, new MeshException(MeshErrorCode.BodyTooLarge,
                $"The frame is larger than the broker accepts ({_maxFrameBytes:N0} bytes). Send a smaller message, or a path to a file instead."));
            return;
        }
        if (_limiter.TryTake(_principal) is { } limited)
        {
            Answer(reference, limited);
            return;
        }
        SendMessageRequest request;
        try
        {
            request = SendFrames.Parse(frame, from, _sender);
        }
        catch (MeshException refused)
        {
            Answer(reference, refused);
            return;
        }
        _ = SendAsync(reference, request, aborted);
    }

    private async Task SendAsync(string? reference, SendMessageRequest request, CancellationToken aborted)
    {
        try
        {
            var sent = await _broker.SendAsync(_mesh, _sender.Id, request, aborted).ConfigureAwait(false);
            Answer(new SendAnswer { Ref = reference, Status = sent.Duplicate ? 200 : 201, Message = sent });
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // withdrawn before the writer took it (or the broker is stopping): not acknowledged, and nobody to tell
            Answer(reference, new MeshException(MeshErrorCode.BrokerUnavailable, "The connection closed before this send was written; it was not sent."));
        }
        catch (Exception error)
        {
            Answer(reference, Translate(error));
        }
    }

    private MeshException Translate(Exception error)
    {
        if (error is MeshException mesh)
        {
            return mesh;
        }
        LogUnexpected(_logger, _connectionId, error);
        return new MeshException(MeshErrorCode.InternalError,
            $"The broker failed unexpectedly. The log has the details under correlation id {_connectionId}.");
    }

    private void Answer(string? reference, MeshException refused) => Answer(SendFrames.Problem(reference, refused, _connectionId));

    private void Answer(SendAnswer answer)
    {
        if (!_answers.Writer.TryWrite(answer))
        {
            Answered(); // the writer has stopped (the socket broke): nothing more can be said
        }
    }

    /// <summary>One send fewer outstanding: its slot is free again.</summary>
    private void Answered()
    {
        _broker.Metrics.SendSocketFrameAnswered();
        _slots.Release();
        Done();
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>
    /// The one loop that writes to the socket. Whatever answers are ready when it wakes go out in one frame (a
    /// commit completes hundreds of sends at once). After the socket broke it still frees each answer's slot.
    /// </summary>
    private async Task WriteAnswersAsync(CancellationToken aborted)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var ready = new Queue<SendAnswer>();
        var broken = false;
        while (await _answers.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (ready.Count < MaxInFlight && _answers.Reader.TryRead(out var answer))
            {
                ready.Enqueue(answer);
            }
            while (ready.Count > 0)
            {
                buffer.ResetWrittenCount();
                var count = SendFrames.WriteAnswers(buffer, ready, AnswerFrameBytes);
                if (!broken)
                {
                    try
                    {
                        await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, aborted);
                    }
                    catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
                    {
                        broken = true; // the client is gone; what it did not receive it was not told was sent
                    }
                }
                for (var i = 0; i < count; i++)
                {
                    Answered();
                }
            }
        }
    }

    private async Task CloseAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // the peer is already gone
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Unexpected error on a send socket, correlation id {CorrelationId}")]
    private static partial void LogUnexpected(ILogger logger, string correlationId, Exception exception);
}
