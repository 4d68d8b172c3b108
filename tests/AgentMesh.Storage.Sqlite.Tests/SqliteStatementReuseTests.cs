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

    /// <summary>Every SQL constant of the store that selects with a <c>$limit</c>, by "Type.Field".</summary>
    private static readonly Dictionary<string, string> Statements = typeof(SqliteMeshStore).Assembly.GetTypes()
        .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (Name: $"{field.DeclaringType!.Name}.{field.Name}", Sql: (string)field.GetRawConstantValue()!))
        .Where(constant => constant.Sql.Contains("SELECT", StringComparison.Ordinal)
            && constant.Sql.Contains("$limit", StringComparison.Ordinal))
        .ToDictionary(constant => constant.Name, constant => constant.Sql);

    public static TheoryData<string> StatementsWithALimit() => [.. Statements.Keys];

    [Fact]
    public void StatementsWithALimit_AreFound() =>
        Assert.True(Statements.Count >= 9, $"found only {Statements.Count} statements with $limit");

    [Theory]
    [MemberData(nameof(StatementsWithALimit))]
    public async Task StatementWithALimit_RunWithNewBindings_IsNotPreparedAgain(string name)
    {
        await using var test = await OpenAsync();
        using var connection = test.ConnectWithIndexes();
        var db = connection.Handle!;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(db, Statements[name], out var statement));
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
}
