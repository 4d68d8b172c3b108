using AgentMesh.Storage.Sqlite.Indexing;
using AgentMesh.Storage.Sqlite.Schema;
using AgentMesh.Testing;
using AgentMesh.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>A store on a real file in its own temp folder, plus side doors into the file for assertions.</summary>
internal sealed class SqliteTestStore : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    private SqliteTestStore()
    {
        Path = System.IO.Path.Combine(_directory.Path, "mesh.db");
    }

    public string Path { get; }

    /// <summary>The file of the indexes built in bulk (see <see cref="IndexDatabase"/>).</summary>
    public string IndexPath => IndexDatabase.PathFor(Path);
    public RecordingEventSink Sink { get; } = new();
    public RecordingStoreObserver Observer { get; } = new();
    public SqliteMeshStore Store { get; private set; } = null!; // set by OpenAsync before the instance is returned

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The longest any await in these tests may take.</summary>
    public static TimeSpan TestTimeout { get; } = TimeSpan.FromSeconds(30);

    public static async Task<SqliteTestStore> OpenAsync()
    {
        var test = new SqliteTestStore();
        await test.ReopenAsync();
        return test;
    }

    /// <summary>Disposes the current store (if open) and opens a new one on the same file.</summary>
    public async Task ReopenAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
        Store = new SqliteMeshStore(Path, Observer);
        await Store.InitializeAsync(Sink, StoreData.T0, Ct);
    }

    /// <summary>
    /// Closes the store and replaces its file by a database as an older AgentMesh left it: the migrations numbered below
    /// <paramref name="firstMissing"/>, recorded in schema_version, the mesh <c>default</c> with the agents alice
    /// (<c>aaaaaaaa</c>) and bob (<c>bbbbbbbb</c>), then <paramref name="data"/>. Reopen to upgrade it.
    /// </summary>
    public async Task ReplaceWithOlderDatabaseAsync(int firstMissing, string data)
    {
        await Store.DisposeAsync();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
        var applied = Migrator.Embedded.Where(migration => migration.Version < firstMissing).ToList();
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = string.Concat(applied.Select(migration => migration.Sql + "\n"))
            + "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;\n"
            + string.Concat(applied.Select(migration => $"INSERT INTO schema_version VALUES ({migration.Version}, '{migration.Name}', 0);\n"))
            + """
            INSERT INTO meshes VALUES ('default', 0);
            INSERT INTO agents (id, mesh, name, kind, status, registered_at, last_seen) VALUES ('aaaaaaaa', 'default', 'alice', 'http', 'online', 0, 0);
            INSERT INTO agents (id, mesh, name, kind, status, registered_at, last_seen) VALUES ('bbbbbbbb', 'default', 'bob', 'http', 'online', 0, 0);

            """
            + data;
        command.ExecuteNonQuery();
    }

    /// <summary>A separate connection to the file (or to the index file), outside the store.</summary>
    public SqliteConnection Connect(bool indexFile = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = indexFile ? IndexPath : Path, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A separate connection to the file with the index file attached, as the store's readers have it.</summary>
    public SqliteConnection ConnectWithIndexes()
    {
        var connection = Connect();
        IndexDatabase.AttachTo(connection, IndexPath);
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> on the store's file, with the index file attached (see <see cref="IndexDatabase.Schema"/>).</summary>
    public object? Scalar(string sql)
    {
        using var connection = ConnectWithIndexes();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Takes SQLite's write lock from another connection, so the store's writer blocks on its next BEGIN and
    /// everything queued meanwhile lands in one batch (on the index file: the bulk indexer cannot commit). Dispose to
    /// let it go.
    /// </summary>
    public IDisposable HoldWriteLock(bool indexFile = false)
    {
        var connection = Connect(indexFile);
        using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }
        return new WriteLock(connection);
    }

    /// <summary>
    /// Parks the store's writer inside a batch until the returned handle is disposed: everything queued
    /// meanwhile is taken together as the next batch.
    /// </summary>
    public async Task<IDisposable> PauseWriterAsync()
    {
        var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        _ = Store.InspectWriterAsync(_ =>
        {
            parked.SetResult();
            return release.Wait(TestTimeout);
        }, Ct);
        await parked.Task.WaitAsync(TestTimeout, Ct);
        return new Pause(release);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }

    private sealed class Pause(ManualResetEventSlim release) : IDisposable
    {
        public void Dispose()
        {
            release.Set();
            release.Dispose();
        }
    }

    private sealed class WriteLock(SqliteConnection connection) : IDisposable
    {
        public void Dispose()
        {
            using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }
            connection.Dispose();
        }
    }
}
