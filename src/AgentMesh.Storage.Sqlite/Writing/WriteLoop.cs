using System.Diagnostics;
using System.Threading.Channels;
using AgentMesh.Core.Events;
using AgentMesh.Core.Storage;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Indexing;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// The single writer, with group commit. Callers queue operations; the loop takes everything queued (up to
/// <see cref="MaxBatch"/>), runs it in one transaction, commits once (one fsync for the whole batch), publishes the
/// batch's events, tells the bulk indexer what it stored (see <see cref="BulkIndexer"/>), then completes the callers'
/// tasks (on the thread pool, a chunk at a time). An operation that fails fails alone: the batch is redone with a
/// savepoint around each operation, and the failing one is rolled back to its savepoint. There is no batching timer:
/// a batch is whatever queued while the previous commit was flushing, so a lone write commits at once and a busy
/// broker amortises each fsync over many writes.
/// </summary>
internal sealed class WriteLoop : IAsyncDisposable
{
    public const int MaxBatch = 512;
    private const int CompletionChunk = 64;
    private const int QueueCapacity = 16 * 1024;

    private readonly Channel<WriteOperation> _queue = Channel.CreateBounded<WriteOperation>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly List<WriteOperation> _batch = new(MaxBatch);
    private readonly List<WriteOperation> _running = new(MaxBatch);
    private readonly StatementCache _sql;
    private readonly WriteBatch _context;
    private readonly BulkIndexer _indexer;
    private readonly IEventSink _sink;
    private readonly IStoreObserver? _observer;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public WriteLoop(
        StatementCache sql, Dictionary<string, long> nextSeq, BulkIndexer indexer, IEventSink sink, IStoreObserver? observer, ILogger logger)
    {
        _sql = sql;
        _indexer = indexer;
        _context = new WriteBatch(sql, nextSeq);
        _sink = sink;
        _observer = observer;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the operation and returns its result once it is committed and its events are published.</summary>
    public Task<T> ExecuteAsync<T>(WriteOperation<T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        operation.CancelWith(cancellationToken);
        return _queue.Writer.TryWrite(operation) ? operation.Task : EnqueueAsync(operation, cancellationToken);
    }

    /// <summary>The slow path: the queue is full (wait for room) or closed (say why).</summary>
    private async Task<T> EnqueueAsync<T>(WriteOperation<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken);
        }
        catch (ChannelClosedException closed)
        {
            throw closed.InnerException is { } crash
                ? new InvalidOperationException("The SQLite writer stopped after an error; restart the broker.", crash)
                : new ObjectDisposedException(nameof(SqliteMeshStore), "The store is closed.");
        }
        return await operation.Task;
    }

    /// <summary>Stops taking writes, finishes every queued one, and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (_batch.Count < MaxBatch && reader.TryRead(out var operation))
                {
                    _batch.Add(operation);
                }
                Commit();
                _batch.Clear();
            }
        }
        catch (Exception crash)
        {
            // Only a bug gets here (Commit handles database errors). Fail everything rather than hang callers.
            Log.WriterCrashed(_logger, crash);
            _queue.Writer.TryComplete(crash);
            while (reader.TryRead(out var operation))
            {
                operation.TryStart();
                _batch.Add(operation);
            }
            foreach (var operation in _batch)
            {
                operation.SetFailure(crash);
                operation.Finish();
            }
            _batch.Clear();
        }
    }

    private void Commit()
    {
        var started = Stopwatch.GetTimestamp();
        _context.Clear();
        _running.Clear();
        try
        {
            _sql.Get("BEGIN IMMEDIATE").ExecuteNonQuery();
            if (!TryRunWithoutSavepoints())
            {
                // Some operation failed and left the transaction half-done: start over, isolating each one.
                SqliteFiles.RollbackIfActive(_sql.Connection);
                _context.RollbackTo(default);
                _sql.Get("BEGIN IMMEDIATE").ExecuteNonQuery();
                foreach (var operation in _running)
                {
                    RunInSavepoint(operation);
                }
            }
            _sql.Get("COMMIT").ExecuteNonQuery();
        }
        catch (Exception error)
        {
            FailBatch(error);
            return;
        }

        if (_running.Count > 0)
        {
            _observer?.CommitCompleted(Stopwatch.GetElapsedTime(started), _running.Count);
        }
        if (_context.NewestMessagePk > 0)
        {
            _indexer.Committed(_context.NewestMessagePk);
        }
        if (_context.Events.Count > 0)
        {
            try
            {
                _sink.Publish([.. _context.Events]);
            }
            catch (Exception error)
            {
                Log.PublishFailed(_logger, error, _context.Events.Count);
            }
        }
        CompleteCallers();
    }

    /// <summary>
    /// Completes the batch's callers off the writer, <see cref="CompletionChunk"/> at a time: one thread-pool
    /// item per chunk runs their continuations in turn (see <see cref="WriteOperation"/>), instead of one item
    /// and one thread wake-up per caller while the writer goes on with the next batch.
    /// </summary>
    private void CompleteCallers()
    {
        for (var start = 0; start < _batch.Count; start += CompletionChunk)
        {
            var chunk = _batch.GetRange(start, Math.Min(CompletionChunk, _batch.Count - start));
            ThreadPool.UnsafeQueueUserWorkItem(static chunk =>
            {
                foreach (var operation in chunk)
                {
                    operation.Finish();
                }
            }, chunk, preferLocal: false);
        }
    }

    /// <summary>
    /// The fast path: every operation straight into the transaction. A savepoint per operation costs a copy
    /// of every page it touches, and operations almost never fail, so savepoints are only used to redo a
    /// batch in which one did. Returns false (and stops) at the first failure.
    /// </summary>
    private bool TryRunWithoutSavepoints()
    {
        for (var i = 0; i < _batch.Count; i++)
        {
            // Claimed only now, so a caller can still cancel while the writer waits for the lock.
            if (!_batch[i].TryStart())
            {
                continue;
            }
            _running.Add(_batch[i]);
            try
            {
                _batch[i].Execute(_context);
            }
            catch (Exception)
            {
                // The redo runs into the same error and reports it; claim the rest so it runs them too.
                _running.AddRange(_batch.Skip(i + 1).Where(rest => rest.TryStart()));
                return false;
            }
        }
        return true;
    }

    private void RunInSavepoint(WriteOperation operation)
    {
        var mark = _context.Position;
        _sql.Get("SAVEPOINT op").ExecuteNonQuery();
        try
        {
            operation.Execute(_context);
        }
        catch (Exception error)
        {
            // If SQLite already rolled back the whole transaction, ROLLBACK TO throws and the batch fails.
            _sql.Get("ROLLBACK TO op").ExecuteNonQuery();
            _context.RollbackTo(mark);
            operation.SetFailure(error);
            if (error is not Protocol.Errors.MeshException)
            {
                Log.OperationFailed(_logger, error, operation.Name);
            }
        }
        _sql.Get("RELEASE op").ExecuteNonQuery();
    }

    private void FailBatch(Exception error)
    {
        Log.CommitFailed(_logger, error, _batch.Count);
        try
        {
            SqliteFiles.RollbackIfActive(_sql.Connection);
        }
        catch (Exception rollbackError)
        {
            Log.CommitFailed(_logger, rollbackError, _batch.Count);
        }
        _context.RollbackTo(default);
        foreach (var operation in _batch)
        {
            operation.SetFailure(error);
        }
        CompleteCallers();
    }
}
