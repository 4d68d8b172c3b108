using System.Globalization;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Indexing;

/// <summary>
/// The file of the indexes built in bulk, beside the store's (<c>mesh.db</c> → <c>mesh-index.db</c>): full text
/// (<c>messages_fts</c>, contentless: rowid = the message's pk, the bodies stay in the store) and sender
/// (<c>messages_sent</c>), with the high-water mark they share. A file of its own has its own write lock, so
/// <see cref="BulkIndexer"/> builds them beside the store's single writer instead of inside it (migration 0008). It
/// is derived data: missing, from another store, or ahead of the store (restored from an older copy), it is rebuilt.
/// </summary>
internal static class IndexDatabase
{
    /// <summary>The name the store's read connections attach it under.</summary>
    public const string Schema = "indexes";

    /// <summary>The name the indexer's connection attaches the store under, to read new messages from.</summary>
    public const string Store = "store";

    private const int Version = 1;

    private const string CreateSql = """
        DROP TABLE IF EXISTS messages_fts;
        DROP TABLE IF EXISTS messages_sent;
        DROP TABLE IF EXISTS index_state;
        CREATE VIRTUAL TABLE messages_fts USING fts5 (body, content = '', tokenize = 'unicode61 remove_diacritics 2');
        -- Each pass writes one FTS5 segment, and FTS5 merges segments level by level once `automerge` of them sit on a
        -- level: with 16 (default 4) a token is rewritten about log16(segments) times instead of log4. `crisismerge`
        -- (default 16) must stay above it, or every pass would merge at once.
        INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
        INSERT INTO messages_fts (messages_fts, rank) VALUES ('crisismerge', 32);
        -- What an agent sent, newest first: (from_id, pk) for every message up to the mark.
        CREATE TABLE messages_sent (
            from_id  TEXT NOT NULL,
            pk       INTEGER NOT NULL,
            PRIMARY KEY (from_id, pk)
        ) STRICT, WITHOUT ROWID;
        -- indexed_pk: every message with pk <= it is in both indexes, none above. store_created: which store they index.
        CREATE TABLE index_state (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            indexed_pk     INTEGER NOT NULL,
            store_created  INTEGER NOT NULL
        ) STRICT;
        """;

    private const string StoreIdentitySql = $"""
        SELECT coalesce((SELECT created_at FROM {Store}.meshes WHERE name = 'default'), 0), coalesce((SELECT max(pk) FROM {Store}.messages), 0)
        """;
    private const string StateSql = "SELECT indexed_pk, store_created FROM index_state WHERE id = 1";
    private const string ResetSql = """
        INSERT INTO messages_fts (messages_fts) VALUES ('delete-all');
        DELETE FROM messages_sent;
        INSERT OR REPLACE INTO index_state (id, indexed_pk, store_created) VALUES (1, 0, $created);
        """;

    /// <summary><c>/x/mesh.db</c> → <c>/x/mesh-index.db</c>.</summary>
    public static string PathFor(string storePath) => Path.Combine(
        Path.GetDirectoryName(storePath) ?? ".", Path.GetFileNameWithoutExtension(storePath) + "-index" + Path.GetExtension(storePath));

    /// <summary>
    /// The indexer's connection: the index file (created 0600 if missing) read-write, the store at
    /// <paramref name="storePath"/> attached as <see cref="Store"/>. Its commits are not fsync'd one by one
    /// (<c>synchronous=NORMAL</c>): a power cut can lose the newest passes only, and indexes and mark go back together.
    /// </summary>
    public static SqliteConnection OpenForIndexer(string storePath)
    {
        var indexPath = PathFor(storePath);
        SqliteFiles.EnsurePrivateFile(indexPath);
        var connection = SqliteFiles.Open(indexPath, SqliteOpenMode.ReadWrite);
        try
        {
            SqliteFiles.Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA busy_timeout = 5000;
                PRAGMA cache_size = -8192;
                PRAGMA journal_size_limit = 16777216;
                """);
            Attach(connection, storePath, Store);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the schema when missing (or of another version), and empties the indexes when they were built for another
    /// store or got ahead of it. Returns the mark and the newest message: everything between is still to index.
    /// </summary>
    public static (long IndexedPk, long NewestPk) Prepare(StatementCache index)
    {
        using var transaction = index.Connection.BeginTransaction(deferred: true); // IMMEDIATE would lock the attached store too
        long created, newest;
        using (var reader = index.Get(StoreIdentitySql).ExecuteReader())
        {
            reader.Read();
            (created, newest) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        if (Convert.ToInt64(SqliteFiles.Scalar(index.Connection, "PRAGMA user_version"), CultureInfo.InvariantCulture) != Version)
        {
            SqliteFiles.Execute(index.Connection, CreateSql + $"PRAGMA user_version = {Version};");
        }
        var (mark, indexedStore) = (-1L, -1L);
        using (var reader = index.Get(StateSql).ExecuteReader())
        {
            if (reader.Read())
            {
                (mark, indexedStore) = (reader.GetInt64(0), reader.GetInt64(1));
            }
        }
        if (mark < 0 || indexedStore != created || mark > newest)
        {
            index.Get(ResetSql).With("$created", created).ExecuteNonQuery();
            mark = 0;
        }
        transaction.Commit();
        return (mark, newest);
    }

    /// <summary>Attaches the file to a store connection as <see cref="Schema"/>.</summary>
    public static void AttachTo(SqliteConnection storeConnection, string indexPath) => Attach(storeConnection, indexPath, Schema);

    private static void Attach(SqliteConnection connection, string path, string schema)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"ATTACH DATABASE $path AS {schema}";
        command.Parameters.AddWithValue("$path", path);
        command.ExecuteNonQuery();
    }
}
