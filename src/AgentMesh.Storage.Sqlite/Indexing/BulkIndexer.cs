using System.Diagnostics;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Storage.Sqlite.Indexing;

/// <summary>
/// Builds the full-text and sender indexes in bulk, on a thread and in a file of their own (<see cref="IndexDatabase"/>),
/// beside the store's single writer rather than inside it, at a low CPU priority (<see cref="BackgroundPriority"/>) so
/// that it takes the cores the writer and the requests leave. A send stores its message and nothing for either index;
/// this indexer adds the messages above the high-water mark to both in one transaction — one FTS5 segment for
/// thousands of messages, each sender's index page rewritten once per pass — that also moves the mark, so after a
/// crash indexes and mark still agree and indexing carries on from the mark. It
/// indexes when <see cref="MaxLagMessages"/> are waiting, when the oldest has waited <see cref="MaxLag"/>, after
/// <see cref="IdleDelay"/> without new messages, or at once when a search asks (<see cref="CatchUpAsync"/>): a search
/// waits for everything committed before it, so it never misses an acknowledged message. A history reads the messages
/// above the mark from the store directly.
/// </summary>
internal sealed class BulkIndexer : IDisposable
{
    // Bigger passes mean fewer FTS5 segment levels to merge and more entries per sender page rewrite, so less work per
    // message; a history reads at most this many (plus a second's) messages that are not indexed yet.
    public const int MaxLagMessages = 8192;
    public static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>How long indexing rests after it failed, unless a search asks (searches retry and report the error).</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>How many pks one pass indexes at most, so one pass over a long backlog stays short.</summary>
    private const long MaxPerPass = 8192;

    // One statement each, inside SQLite: the bodies never travel through managed strings. The senders in key order, so
    // each sender's entries are appended to its page together.
    private const string IndexTextSql = $"""
        INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM {IndexDatabase.Store}.messages WHERE pk > $from AND pk <= $to
        """;
    private const string IndexSendersSql = $"""
        INSERT INTO messages_sent (from_id, pk) SELECT from_id, pk FROM {IndexDatabase.Store}.messages WHERE pk > $from AND pk <= $to
        ORDER BY from_id, pk
        """;
    private const string MarkSql = "UPDATE index_state SET indexed_pk = $to WHERE id = 1";

    private readonly StatementCache _index;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private TaskCompletionSource _progress = NewProgress();
    private long _indexedPk;
    private long _newestPk;
    private long _behindSince;
    private long _lastStored;
    private long _failedAt;
    private Exception? _failure;
    private int _asked;

    private BulkIndexer(StatementCache index, long indexedPk, long newestPk, ILogger logger)
    {
        _index = index;
        _logger = logger;
        _indexedPk = indexedPk;
        _newestPk = newestPk;
        _behindSince = _lastStored = Stopwatch.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = "mesh-indexer" };
        _thread.Start();
    }

    /// <summary>Every committed message up to this pk is in both indexes.</summary>
    public long IndexedPk => Volatile.Read(ref _indexedPk);

    /// <summary>The newest committed message.</summary>
    public long NewestPk => Volatile.Read(ref _newestPk);

    /// <summary>Committed messages not in the indexes yet (a search waits for them).</summary>
    public long Backlog => Math.Max(0, NewestPk - IndexedPk);

    private bool Behind => NewestPk > IndexedPk;

    /// <summary>
    /// Opens the index file of the store at <paramref name="storePath"/> (see <see cref="IndexDatabase"/>) and starts
    /// indexing what it lacks. The store's migrations must have run.
    /// </summary>
    public static BulkIndexer Start(string storePath, ILogger logger)
    {
        var index = new StatementCache(IndexDatabase.OpenForIndexer(storePath));
        try
        {
            var (indexed, newest) = IndexDatabase.Prepare(index);
            return new BulkIndexer(index, indexed, newest, logger);
        }
        catch
        {
            index.Dispose();
            index.Connection.Dispose();
            throw;
        }
    }

    /// <summary>The writer committed messages up to <paramref name="newestPk"/>. Cheap: wakes the indexer only when a pass may be due.</summary>
    public void Committed(long newestPk)
    {
        if (newestPk <= NewestPk)
        {
            return;
        }
        var wasBehind = Behind;
        Volatile.Write(ref _lastStored, Stopwatch.GetTimestamp());
        if (!wasBehind)
        {
            Volatile.Write(ref _behindSince, Stopwatch.GetTimestamp());
        }
        Volatile.Write(ref _newestPk, newestPk);
        if (!wasBehind || newestPk - IndexedPk >= MaxLagMessages)
        {
            _wake.Release(); // arms the lag timers, or starts a pass that is due
        }
    }

    /// <summary>Waits until every message committed before this call is indexed; throws why indexing failed.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var newest = NewestPk;
        while (IndexedPk < newest)
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (IndexedPk >= newest)
            {
                return;
            }
            Volatile.Write(ref _asked, 1);
            _wake.Release();
            await progress.WaitAsync(cancellationToken); // faults with the pass's error
        }
    }

    private void Run()
    {
        BackgroundPriority.LowerCurrentThread(_logger);
        while (true)
        {
            try
            {
                _wake.Wait(NextWait(), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            while (_wake.Wait(0))
            {
                // several wake-ups are one
            }
            if (IsDue(asked: Interlocked.Exchange(ref _asked, 0) == 1))
            {
                Pass();
            }
            else if (!Behind)
            {
                Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult(); // a search that asked late: caught up already
            }
        }
    }

    /// <summary>A search <paramref name="asked"/> for a pass (it runs even while resting), or one is due on its own.</summary>
    private bool IsDue(bool asked) =>
        Behind && (asked || !Resting() && (NewestPk - IndexedPk >= MaxLagMessages
            || Stopwatch.GetElapsedTime(Volatile.Read(ref _behindSince)) >= MaxLag
            || Stopwatch.GetElapsedTime(Volatile.Read(ref _lastStored)) >= IdleDelay));

    /// <summary>How long to sleep unless woken: until the idle or the lag deadline, the end of a rest, or for good when caught up.</summary>
    private TimeSpan NextWait()
    {
        if (!Behind)
        {
            return Timeout.InfiniteTimeSpan;
        }
        if (IsDue(asked: Volatile.Read(ref _asked) == 1))
        {
            return TimeSpan.Zero; // a long backlog, or a search waiting: the next pass at once
        }
        var wait = Resting()
            ? RetryAfterFailure - Stopwatch.GetElapsedTime(_failedAt)
            : TimeSpan.FromTicks(Math.Min(
                (IdleDelay - Stopwatch.GetElapsedTime(Volatile.Read(ref _lastStored))).Ticks,
                (MaxLag - Stopwatch.GetElapsedTime(Volatile.Read(ref _behindSince))).Ticks));
        return wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1);
    }

    private bool Resting() => _failure is not null && Stopwatch.GetElapsedTime(_failedAt) < RetryAfterFailure;

    /// <summary>Indexes one pass's worth above the mark and tells waiting searches.</summary>
    private void Pass()
    {
        var progress = Interlocked.Exchange(ref _progress, NewProgress());
        try
        {
            var from = IndexedPk;
            var to = Math.Min(NewestPk, from + MaxPerPass);
            Index(from, to);
            if (Behind)
            {
                Volatile.Write(ref _behindSince, Stopwatch.GetTimestamp());
            }
            Volatile.Write(ref _indexedPk, to);
            _failure = null;
            progress.TrySetResult();
        }
        catch (Exception e)
        {
            _failure = e;
            _failedAt = Stopwatch.GetTimestamp();
            Log.IndexingFailed(_logger, e);
            progress.TrySetException(new InvalidOperationException(
                "Indexing messages failed, so search is unavailable until it works again; the broker's log says why.", e));
        }
    }

    /// <summary>
    /// Adds the messages in (<paramref name="from"/>, <paramref name="to"/>] to both indexes and moves the mark, in one
    /// transaction. Deferred, not IMMEDIATE: that would take the write lock of the attached store too, and stall the
    /// writer for the whole pass. The pass holds a read snapshot of the store (~50 ms for 8,192 messages), which only
    /// keeps the store's checkpoints from passing it meanwhile.
    /// </summary>
    private void Index(long from, long to)
    {
        _index.Get("BEGIN").ExecuteNonQuery();
        try
        {
            _index.Get(IndexTextSql).With("$from", from).With("$to", to).ExecuteNonQuery();
            _index.Get(IndexSendersSql).With("$from", from).With("$to", to).ExecuteNonQuery();
            _index.Get(MarkSql).With("$to", to).ExecuteNonQuery();
            _index.Get("COMMIT").ExecuteNonQuery();
        }
        catch
        {
            SqliteFiles.RollbackIfActive(_index.Connection);
            throw;
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops indexing (what is not indexed yet is indexed at the next start) and closes the index file.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        Interlocked.Exchange(ref _progress, NewProgress()).TrySetException(new ObjectDisposedException(nameof(SqliteMeshStore), "The store is closed."));
        try
        {
            SqliteFiles.Execute(_index.Connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException e)
        {
            Log.CheckpointFailed(_logger, e, _index.Connection.DataSource);
        }
        _index.Dispose();
        _index.Connection.Dispose();
        _wake.Dispose();
        _stop.Dispose();
    }
}
