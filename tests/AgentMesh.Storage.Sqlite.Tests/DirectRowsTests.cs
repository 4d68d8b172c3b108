using AgentMesh.Storage.Sqlite.Connections;
using Microsoft.Data.Sqlite;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>
/// Rows read straight from SQLite (<see cref="DirectRows"/>): every value as the column holds it, the statement
/// ready for new bindings after each query, errors as <see cref="SqliteException"/>, and no snapshot left open.
/// </summary>
public sealed class DirectRowsTests
{
    [Fact]
    public async Task Read_TextNullEmptyAndIntegers_ComeBackAsStored()
    {
        await using var test = await OpenAsync();
        using var connection = test.Connect();
        using var cache = new StatementCache(connection);
        var statement = cache.Direct("SELECT $text, NULL, '', $big, $small, 42");

        using var rows = statement.With("$text", "déployer 🚀 漢字").With("$big", long.MaxValue).With("$small", long.MinValue).Query();

        Assert.True(rows.Read());
        Assert.Equal("déployer 🚀 漢字", rows.GetString(0));
        Assert.Equal("déployer 🚀 漢字"u8.ToArray(), rows.GetUtf8(0).ToArray());
        Assert.Null(rows.GetNullableString(1));
        Assert.True(rows.IsNull(1));
        Assert.Throws<InvalidOperationException>(() => rows.GetString(1));
        Assert.Equal("", rows.GetNullableString(2));
        Assert.False(rows.IsNull(2));
        Assert.Equal(long.MaxValue, rows.GetInt64(3));
        Assert.Equal(long.MinValue, rows.GetInt64(4));
        Assert.Equal(42, rows.GetInt32(5));
        Assert.Throws<OverflowException>(() => rows.GetInt32(3));
        Assert.False(rows.Read());
    }

    [Fact]
    public async Task Query_Disposed_StatementRunsAgainWithItsBindingsCleared()
    {
        await using var test = await OpenAsync();
        using var connection = test.Connect();
        using var cache = new StatementCache(connection);
        var statement = cache.Direct("SELECT value FROM json_each('[1,2,3]') WHERE $max IS NULL OR value <= $max");

        using (var first = statement.With("$max", 2L).Query())
        {
            Assert.True(first.Read()); // stopped after one row of two
        }
        var again = new List<long>();
        using (var second = statement.Query()) // $max no longer bound: NULL
        {
            while (second.Read())
            {
                again.Add(second.GetInt64(0));
            }
        }

        Assert.Equal([1, 2, 3], again);
    }

    [Fact]
    public async Task Read_StepFails_ThrowsSqliteExceptionAndTheStatementStaysUsable()
    {
        await using var test = await OpenAsync();
        using var connection = test.Connect();
        using var cache = new StatementCache(connection);
        var statement = cache.Direct("SELECT abs($n)");

        var error = Assert.Throws<SqliteException>(() =>
        {
            using var rows = statement.With("$n", long.MinValue).Query();
            rows.Read();
        });
        using var retry = statement.With("$n", -5L).Query();

        Assert.Contains("integer overflow", error.Message, StringComparison.Ordinal);
        Assert.True(retry.Read());
        Assert.Equal(5, retry.GetInt64(0));
    }

    [Fact]
    public async Task Query_StoppedEarlyAndDisposed_HoldsNoSnapshotThatBlocksACheckpoint()
    {
        await using var test = await OpenAsync();
        using var reader = test.Connect();
        using var cache = new StatementCache(reader);
        using var writer = test.Connect();
        Execute(writer, "CREATE TABLE numbers (n INTEGER); INSERT INTO numbers VALUES (1), (2), (3)");

        using (var rows = cache.Direct("SELECT n FROM numbers").Query())
        {
            Assert.True(rows.Read()); // mid-query: this connection holds a read snapshot
        }
        Execute(writer, "INSERT INTO numbers VALUES (4)");
        using var checkpoint = writer.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();

        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // not busy: no reader still pins an older snapshot
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
