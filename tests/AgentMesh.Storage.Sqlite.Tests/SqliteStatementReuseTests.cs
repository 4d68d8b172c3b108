using System.Reflection;
using SQLitePCL;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>
/// The store prepares each statement once and binds new values for every call. A statement whose plan depends on a
/// bound value is instead compiled again at each step after a new binding, which cost the inbox peek a whole parse
/// and plan per call. These tests run every statement of the store that takes <c>$limit</c> three times with new
/// bindings on a real store and ask SQLite how often it re-prepared it.
/// </summary>
public sealed class SqliteStatementReuseTests
{
    private const int StatusReprepare = 5; // SQLITE_STMTSTATUS_REPREPARE

    public static TheoryData<string> StatementsWithALimit() =>
        [.. typeof(SqliteMeshStore).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string) && IsStatementWithALimit((string)field.GetRawConstantValue()!))
            .Select(field => $"{field.DeclaringType!.Name}.{field.Name}")];

    [Fact]
    public void StatementsWithALimit_AreFound() =>
        Assert.True(StatementsWithALimit().Count >= 9, $"found only {StatementsWithALimit().Count} statements with $limit");

    [Theory]
    [MemberData(nameof(StatementsWithALimit))]
    public async Task StatementWithALimit_RunWithNewBindings_IsNotPreparedAgain(string name)
    {
        await using var test = await OpenAsync();
        using var connection = test.ConnectWithIndexes();
        var db = connection.Handle!;
        var sql = SqlOf(name);
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            raw.sqlite3_exec(db, "BEGIN");
            for (var round = 1; round <= 3; round++)
            {
                for (var position = 1; position <= raw.sqlite3_bind_parameter_count(statement); position++)
                {
                    raw.sqlite3_bind_int64(statement, position, round * 10);
                }
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                }
                Assert.Equal(raw.SQLITE_DONE, rc);
                raw.sqlite3_reset(statement);
            }
            raw.sqlite3_exec(db, "ROLLBACK");

            Assert.Equal(0, raw.sqlite3_stmt_status(statement, StatusReprepare, 0));
        }
    }

    private static bool IsStatementWithALimit(string sql) =>
        sql.Contains("SELECT", StringComparison.Ordinal) && sql.Contains("$limit", StringComparison.Ordinal);

    private static string SqlOf(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var field = typeof(SqliteMeshStore).Assembly.GetTypes()
            .Single(type => type.Name == name[..dot])
            .GetField(name[(dot + 1)..], BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
        return (string)field.GetRawConstantValue()!;
    }
}
