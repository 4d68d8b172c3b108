namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// One queued write. The writer runs it inside the batch's transaction (in its own savepoint) and completes
/// its task only after the batch committed and its events were published. A caller that cancels before the
/// writer starts the operation gets a cancelled task and nothing is written; once started, it runs to the end.
/// <see cref="Finish"/> on a cancelled operation changes nothing.
/// </summary>
internal abstract class WriteOperation
{
    private const int Pending = 0;
    private const int Running = 1;
    private const int Cancelled = 2;
    private int _state;

    protected Exception? Failure { get; private set; }

    /// <summary>True once the writer recorded a failure (before the caller's task, completed later, shows it).</summary>
    public bool HasFailed => Failure is not null;

    public string Name => GetType().Name;

    /// <summary>Claims the operation for the writer; false when the caller cancelled it first.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Running, Pending) == Pending;

    /// <summary>Does the work against the open transaction. Throwing rolls back this operation only.</summary>
    public abstract void Execute(WriteBatch batch);

    /// <summary>Records why the operation failed; the first reason wins.</summary>
    public void SetFailure(Exception error) => Failure ??= error;

    /// <summary>Completes the caller's task with the result or the failure.</summary>
    public abstract void Finish();

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending;
}

internal abstract class WriteOperation<T> : WriteOperation
{
    // Continuations run inline where the task completes: a thread-pool item that completes a chunk of the batch
    // (WriteLoop.CompleteCallers), never the writer itself; or the thread that cancels a queued operation.
    private readonly TaskCompletionSource<T> _completion = new();
    private CancellationTokenRegistration _cancellation;
    private T? _result;

    public Task<T> Task => _completion.Task;

    /// <summary>Lets <paramref name="cancellationToken"/> withdraw the operation while it is still queued.</summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((WriteOperation<T>)state!).Cancel(token), this); // state is always this operation
        }
    }

    public sealed override void Execute(WriteBatch batch) => _result = Run(batch);

    public sealed override void Finish()
    {
        _cancellation.Dispose();
        if (Failure is { } failure)
        {
            _completion.TrySetException(failure);
        }
        else
        {
            _completion.TrySetResult(_result!); // Run returned without throwing, so the result is set
        }
    }

    protected abstract T Run(WriteBatch batch);

    private void Cancel(CancellationToken token)
    {
        if (TryCancel())
        {
            _completion.TrySetCanceled(token);
        }
    }
}
