using AgentMesh.Protocol.Errors;
using AgentMesh.Storage.Sqlite.Search;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;

namespace AgentMesh.Storage.Sqlite.Tests;

public sealed class SqliteQueryTests
{
    [Theory]
    [InlineData("deploy", "\"deploy\"")]
    [InlineData("deploy-prod  failed", "\"deploy-prod\" \"failed\"")]
    [InlineData("depl*", "\"depl\"*")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("deploy AND prod", "deploy AND prod")]
    [InlineData("(a OR b)", "(a OR b)")]
    [InlineData("it's", "\"it's\"")]
    public void FtsQuery_PlainTextOrExpression_BecomesTheRightMatch(string query, string expected) =>
        Assert.Equal(expected, FtsQuery.ToMatchExpression(query));

    [Fact]
    public async Task History_BeforeAnUnknownId_IsMessageNotFound()
    {
        await using var test = await OpenAsync();

        var error = await Assert.ThrowsAsync<MeshException>(() => test.Store.HistoryAsync("default", null, 10, "01NOPE", Ct));

        Assert.Equal(MeshErrorCode.MessageNotFound, error.Code);
    }

    [Theory]
    [InlineData("SELECT * FROM deliveries d INDEXED BY deliveries_waiting WHERE d.recipient_id = 'x' AND d.state IN ('queued', 'delivered') ORDER BY d.message_pk", "deliveries_waiting")]
    [InlineData("SELECT count(*) FROM deliveries INDEXED BY deliveries_waiting WHERE recipient_id = 'x' AND state IN ('queued', 'delivered')", "COVERING INDEX deliveries_waiting")]
    [InlineData("SELECT message_pk FROM deliveries WHERE recipient_id = 'x' AND message_pk < 10 ORDER BY message_pk DESC LIMIT 5", "PRIMARY KEY")]
    [InlineData("SELECT pk FROM indexes.messages_sent WHERE from_id = 'x' AND pk < 10 ORDER BY pk DESC LIMIT 5", "PRIMARY KEY")]
    [InlineData("SELECT pk FROM messages WHERE pk > (SELECT indexed_pk FROM indexes.index_state WHERE id = 1) AND pk < 10 AND from_id = 'x'", "INTEGER PRIMARY KEY (rowid>? AND rowid<?)")]
    [InlineData("SELECT * FROM messages m WHERE m.mesh = 'default' AND m.pk < 10 ORDER BY m.pk DESC LIMIT 5", "messages_mesh")]
    [InlineData("SELECT pk FROM messages m WHERE m.thread_id = 'x' AND m.thread_id <> m.id AND m.mesh = 'default'", "messages_thread_replies")]
    [InlineData("SELECT pk FROM messages m WHERE m.id = 'x' AND m.thread_id = 'x' AND m.mesh = 'default'", "sqlite_autoindex_messages_1")]
    [InlineData("SELECT coalesce(max(seq), 0) FROM events WHERE mesh = 'default'", "PRIMARY KEY")]
    [InlineData("SELECT json FROM events e WHERE e.mesh = 'default' AND e.seq > 5 ORDER BY e.seq LIMIT 10", "PRIMARY KEY")]
    public async Task QueryPlan_HotQueries_UseTheirIndex(string sql, string index)
    {
        await using var test = await OpenAsync();
        using var connection = test.ConnectWithIndexes();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;

        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }
}
