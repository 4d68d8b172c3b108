using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentMesh.Storage.Sqlite.Indexing;

namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>
/// A few read-only connections, each with its own statement cache. WAL lets them read while the writer commits, so a
/// read never waits behind a write; it waits only when every reader is busy. A read that needs the index file gets a
/// reader with it attached (as <see cref="IndexDatabase.Schema"/>); a reader attaches it the first time, not at start,
/// since each attachment holds ~100 KB that an idle broker does not need.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly Channel<StatementCache> _idle;
    private readonly List<StatementCache> _all = [];
    private readonly ConcurrentDictionary<StatementCache, bool> _withIndexes = new();
    private readonly string _indexPath;
    private int _disposed;

    public ReaderPool(string path, string indexPath, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _indexPath = indexPath;
        _idle = Channel.CreateBounded<StatementCache>(size);
        try
        {
            for (var i = 0; i < size; i++)
            {
                var reader = new StatementCache(SqliteFiles.OpenReader(path));
                _all.Add(reader);
                _idle.Writer.TryWrite(reader);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on an idle reader; the connection is back in the pool when it returns.
    /// With <paramref name="snapshot"/>, every statement of the read sees the same commit; with <paramref name="indexes"/>,
    /// it can read the index file.
    /// </summary>
    public async ValueTask<T> ReadAsync<T>(
        Func<StatementCache, T> read, CancellationToken cancellationToken, bool snapshot = false, bool indexes = false)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (!_idle.Reader.TryRead(out var reader))
        {
            reader = await _idle.Reader.ReadAsync(cancellationToken);
        }
        try
        {
            if (indexes && !_withIndexes.ContainsKey(reader))
            {
                IndexDatabase.AttachTo(reader.Connection, _indexPath); // outside any transaction: SQLite attaches only there
                _withIndexes[reader] = true;
            }
            if (!snapshot)
            {
                return read(reader);
            }
            reader.Get("BEGIN").ExecuteNonQuery();
            try
            {
                return read(reader);
            }
            finally
            {
                reader.Get("COMMIT").ExecuteNonQuery();
            }
        }
        finally
        {
            _idle.Writer.TryWrite(reader);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _idle.Writer.TryComplete();
        foreach (var reader in _all)
        {
            reader.Dispose();
            reader.Connection.Dispose();
        }
    }
}
