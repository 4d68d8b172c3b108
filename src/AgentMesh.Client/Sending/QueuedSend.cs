using System.Buffers;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Client.Sending;

/// <summary>
/// One send of a <see cref="MeshSendChannel"/>: its frame, waiting in the outbox until the writer loop takes
/// it, and the caller's wait for the answer. Cancelling before the writer claimed the frame withdraws it (it is
/// never written); after that it only ends the wait.
/// </summary>
internal sealed class QueuedSend(ArrayBufferWriter<byte> frame)
{
    private const int Queued = 0;
    private const int Written = 1;
    private const int Withdrawn = 2;
    private readonly TaskCompletionSource<SendMessageResponse> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>The frame: <c>{"ref":…}</c> and the request.</summary>
    public ArrayBufferWriter<byte> Frame => frame;

    public Task<SendMessageResponse> Answer => _answer.Task;

    /// <summary>Claims the frame for writing; false when the caller withdrew it first.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Written, Queued) == Queued;

    public void Succeed(SendMessageResponse sent) => _answer.TrySetResult(sent);

    public void Fail(Exception error) => _answer.TrySetException(error);

    public void Cancel()
    {
        Interlocked.CompareExchange(ref _state, Withdrawn, Queued);
        _answer.TrySetCanceled();
    }
}
