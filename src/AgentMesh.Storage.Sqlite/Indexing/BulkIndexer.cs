using System.Diagnostics;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Indexing;

/// <summary>
/// The two indexes built in bulk, off the per-message path: full text (<c>messages_fts</c>) and sender
/// (<c>messages_sent</c>, migration 0007). A send stores its message and nothing for either; the writer adds
/// every message above the high-water mark (<c>search_index.indexed_pk</c>) to both with one
/// <c>INSERT … SELECT</c> each, i.e. one FTS5 segment for hundreds of messages instead of one per commit, and
/// each sender's index page rewritten once per pass instead of once per commit. It moves the mark in the same
/// transaction, so a crash loses indexes and mark together, and the next start carries on from the mark. The
/// writer indexes when <see cref="MaxLagMessages"/> are waiting, when the oldest has waited <see cref="MaxLag"/>,
/// or after <see cref="IdleDelay"/> without writes. A search first waits for everything committed before it
/// (<see cref="NewestPk"/>) to be indexed, so it never misses an acknowledged message; a history reads the
/// messages above the mark directly. State changes only on the writer; other threads read the two marks.
/// </summary>
internal sealed class BulkIndexer
{
    // Each indexing pass writes one FTS5 segment, and segments are merged level by level as they pile up: bigger
    // passes mean fewer levels, so less merging per message (a search never waits for the lag: it indexes first).
    // A bigger pass also puts more entries into each sender's page of messages_sent per rewrite: at 8,192 that pass
    // costs a third of what it did at 2,048 per message, and a busy writer does ~8% more messages per second
    // (docs/benchmarks.md, "Session 7"). A history reads at most this many (plus a second's) unindexed messages.
    public const int MaxLagMessages = 8192;
    public static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the writer leaves indexing alone after it failed (only searches retry meanwhile).</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>How many pks one transaction indexes at most, so a long backlog never stalls the writer.</summary>
    private const long MaxPerTransaction = 8192;

    private const string LoadSql = "SELECT (SELECT indexed_pk FROM search_index WHERE id = 1), (SELECT coalesce(max(pk), 0) FROM messages)";
    private const string NewestSql = "SELECT coalesce(max(pk), 0) FROM messages";
    private const string IndexTextSql = "INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM messages WHERE pk > $from AND pk <= $to";
    private const string IndexSendersSql = "INSERT INTO messages_sent (from_id, pk) SELECT from_id, pk FROM messages WHERE pk > $from AND pk <= $to";
    private const string MarkSql = "UPDATE search_index SET indexed_pk = $to WHERE id = 1";

    private long _indexedPk;
    private long _newestPk;
    private long _behindSince;
    private long _failedAt;
    private bool _failed;

    /// <summary>Every committed message up to this pk is searchable.</summary>
    public long IndexedPk => Volatile.Read(ref _indexedPk);

    /// <summary>The newest committed message.</summary>
    public long NewestPk => Volatile.Read(ref _newestPk);

    public bool Behind => NewestPk > IndexedPk;

    /// <summary>Reads both marks at start-up.</summary>
    public void Load(StatementCache sql)
    {
        using var reader = sql.Get(LoadSql).ExecuteReader();
        reader.Read();
        var indexed = reader.IsDBNull(0)
            ? throw new InvalidOperationException("The search_index table has no row; the database was changed outside AgentMesh.")
            : reader.GetInt64(0);
        Committed(indexed, reader.GetInt64(1));
    }

    /// <summary>True when the writer should index in its next transaction even though it is busy.</summary>
    public bool IsDue() =>
        Behind && !Resting() && (NewestPk - IndexedPk >= MaxLagMessages || Stopwatch.GetElapsedTime(_behindSince) >= MaxLag);

    /// <summary>True when an idle writer should index now.</summary>
    public bool IsDueWhenIdle() => Behind && !Resting();

    /// <summary>Indexing failed (the writer logged why): the writer leaves it alone for a while instead of failing every batch.</summary>
    public void Failed()
    {
        _failed = true;
        _failedAt = Stopwatch.GetTimestamp();
    }

    private bool Resting() => _failed && Stopwatch.GetElapsedTime(_failedAt) < RetryAfterFailure;

    /// <summary>
    /// Adds the messages above <paramref name="from"/> to both indexes (at most <see cref="MaxPerTransaction"/> pks) inside
    /// the open transaction and moves the mark; returns the new mark, effective when the transaction commits.
    /// </summary>
    public static long IndexAbove(StatementCache sql, long from)
    {
        var newest = (long)sql.Get(NewestSql).ExecuteScalar()!; // coalesce: never null
        var to = Math.Min(newest, from + MaxPerTransaction);
        if (to <= from)
        {
            return from;
        }
        sql.Get(IndexTextSql).With("$from", from).With("$to", to).ExecuteNonQuery();
        sql.Get(IndexSendersSql).With("$from", from).With("$to", to).ExecuteNonQuery();
        sql.Get(MarkSql).With("$to", to).ExecuteNonQuery();
        return to;
    }

    /// <summary>After a commit: what is indexed now and the newest message stored.</summary>
    public void Committed(long indexedPk, long newestPk)
    {
        var wasBehind = Behind;
        _failed &= indexedPk == 0;
        Volatile.Write(ref _indexedPk, Math.Max(indexedPk, IndexedPk));
        Volatile.Write(ref _newestPk, Math.Max(newestPk, NewestPk));
        if (Behind && !wasBehind)
        {
            _behindSince = Stopwatch.GetTimestamp();
        }
    }
}
