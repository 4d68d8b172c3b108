using System.Globalization;
using AgentMesh.Core.Broker;
using AgentMesh.Core.Events;
using AgentMesh.Core.Storage;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Indexing;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Schema;
using AgentMesh.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentMesh.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Every write goes through one writer connection with
/// group commit (<see cref="WriteLoop"/>), durable at <c>synchronous=FULL</c> before its task completes;
/// reads use a small pool of read-only connections and never wait behind the writer. The full-text and sender
/// indexes live in a second file that <see cref="BulkIndexer"/> builds beside the writer. Split by concern into
/// partial files: agents and meshes, inbox, messages, events.
/// </summary>
public sealed partial class SqliteMeshStore : IMeshStore
{
    private const string EnsureMeshSql = "INSERT INTO meshes (name, created_at) VALUES ($name, $at) ON CONFLICT (name) DO NOTHING";
    private const string LastSeqSql = "SELECT coalesce(max(seq), 0) FROM events WHERE mesh = $mesh";

    private readonly string _path;
    private readonly IStoreObserver? _observer;
    private readonly ILogger _logger;
    private SqliteConnection? _connection;
    private StatementCache? _writerStatements;
    private BulkIndexer? _indexer;
    private WriteLoop? _writer;
    private ReaderPool? _readers;
    private int _disposed;

    /// <param name="databasePath">The database file; created (mode 0600) if missing. Its folder should be private (0700).</param>
    /// <param name="observer">Told about every commit (duration and operation count), for metrics.</param>
    /// <param name="logger">Store diagnostics; never message bodies.</param>
    public SqliteMeshStore(string databasePath, IStoreObserver? observer = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _path = Path.GetFullPath(databasePath);
        _observer = observer;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Description => "sqlite:" + _path;

    /// <summary>How many read-only connections serve reads.</summary>
    internal static int ReaderCount { get; } = Math.Clamp(Environment.ProcessorCount, 4, 16);

    private WriteLoop Writer => _writer ?? throw NotInitialized();

    private ReaderPool Readers => _readers ?? throw NotInitialized();

    private BulkIndexer Indexer => _indexer ?? throw NotInitialized();

    public Task InitializeAsync(IEventSink sink, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_connection is not null)
        {
            throw new InvalidOperationException("The store is already initialised.");
        }

        SqliteFiles.EnsurePrivateFile(_path);
        _connection = SqliteFiles.OpenWriter(_path);
        try
        {
            Migrator.Apply(_connection, now, _path, _logger);
            _writerStatements = new StatementCache(_connection);
            _writerStatements.Get(EnsureMeshSql).With("$name", MeshBroker.DefaultMesh).With("$at", UnixTime.ToMs(now)).ExecuteNonQuery();
            var nextSeq = LoadNextSeqs(_writerStatements);
            _indexer = BulkIndexer.Start(_path, _logger);
            _readers = new ReaderPool(_path, IndexDatabase.PathFor(_path), ReaderCount);
            _writer = new WriteLoop(_writerStatements, nextSeq, _indexer, sink, _observer, _logger);
            Log.Opened(_logger, _path, Migrator.Latest, nextSeq.Count);
        }
        catch
        {
            _readers?.Dispose();
            _readers = null;
            _indexer?.Dispose();
            _indexer = null;
            _writerStatements?.Dispose();
            _connection.Dispose();
            _connection = null;
            throw;
        }
        return Task.CompletedTask;
    }

    /// <summary>Finishes queued writes, closes every connection and truncates the WAL.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
        _readers?.Dispose();
        _indexer?.Dispose(); // after the readers, which attach its file, so it can checkpoint and remove its WAL
        _writerStatements?.Dispose();
        if (_connection is not null)
        {
            Checkpoint(_connection);
            _connection.Dispose();
        }
    }

    /// <summary>Runs <paramref name="inspect"/> on the writer connection between two batches' operations (for tests and diagnostics).</summary>
    internal Task<T> InspectWriterAsync<T>(Func<SqliteConnection, T> inspect, CancellationToken cancellationToken) =>
        Writer.ExecuteAsync(new InspectOperation<T>(inspect), cancellationToken);

    /// <summary>The next seq of every mesh: one index probe per mesh (the meshes table is tiny), never a scan of the log.</summary>
    private static Dictionary<string, long> LoadNextSeqs(StatementCache sql)
    {
        var meshes = new List<string>();
        using (var reader = sql.Get("SELECT name FROM meshes").ExecuteReader())
        {
            while (reader.Read())
            {
                meshes.Add(reader.GetString(0));
            }
        }
        return meshes.ToDictionary(
            mesh => mesh,
            mesh => Convert.ToInt64(sql.Get(LastSeqSql).With("$mesh", mesh).ExecuteScalar(), CultureInfo.InvariantCulture) + 1,
            StringComparer.Ordinal);
    }

    private void Checkpoint(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                Log.Checkpointed(_logger, _path, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }
        }
        catch (SqliteException e)
        {
            Log.CheckpointFailed(_logger, e, _path);
        }
    }

    private static InvalidOperationException NotInitialized() => new("Call InitializeAsync before using the store.");
}
