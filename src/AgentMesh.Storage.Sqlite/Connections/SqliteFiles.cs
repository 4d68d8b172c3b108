using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>
/// Opens the database. The file is created 0600 before SQLite sees it, and SQLite gives the -wal and -shm
/// files the database file's mode, so message bodies are never readable by other users. Connections are
/// not pooled: the store holds its few connections for its whole life, and a real close lets the last one
/// checkpoint and remove the WAL.
/// </summary>
internal static class SqliteFiles
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;
    private const int BusyTimeoutMs = 5000;

    public static void EnsurePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectory);
        }
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite,
            UnixCreateMode = PrivateFile,
        };
        using (new FileStream(path, options))
        {
        }
        foreach (var file in (string[])[path, path + "-wal", path + "-shm"])
        {
            if (File.Exists(file) && File.GetUnixFileMode(file) != PrivateFile)
            {
                File.SetUnixFileMode(file, PrivateFile);
            }
        }
    }

    /// <summary>
    /// The one read-write connection: WAL, fsync on every commit, foreign keys enforced. After a burst the WAL
    /// is cut back to 64 MiB once checkpointed, instead of keeping its high-water size on disk.
    /// </summary>
    public static SqliteConnection OpenWriter(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadWrite);
        var mode = Scalar(connection, "PRAGMA journal_mode = WAL");
        if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"SQLite could not switch {path} to WAL mode (it stayed '{mode}'). Put the database on a local file system.");
        }
        Execute(connection, $"""
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = {BusyTimeoutMs};
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -32768;
            PRAGMA journal_size_limit = 67108864;
            """);
        return connection;
    }

    /// <summary>A read-only connection; in WAL mode it reads a consistent snapshot while the writer commits.</summary>
    public static SqliteConnection OpenReader(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadOnly);
        Execute(connection, $"""
            PRAGMA busy_timeout = {BusyTimeoutMs};
            PRAGMA query_only = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -16384;
            """);
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Rolls back the open transaction, if SQLite has not already rolled it back itself.</summary>
    public static void RollbackIfActive(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            Execute(connection, "ROLLBACK");
        }
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
