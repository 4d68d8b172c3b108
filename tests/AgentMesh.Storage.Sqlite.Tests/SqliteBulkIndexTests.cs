using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Indexing;
using Microsoft.Data.Sqlite;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>
/// Full-text and sender indexing happen off the send's commit, in a file and on a thread of their own (see
/// <see cref="BulkIndexer"/>, <see cref="IndexDatabase"/>): these pin down that a search and a history still see
/// every acknowledged message, that indexes and high-water mark survive a crash together, and that an index file
/// that is missing or does not match its store is rebuilt.
/// </summary>
public sealed class SqliteBulkIndexTests
{
    private const string Mark = "SELECT indexed_pk FROM indexes.index_state WHERE id = 1";

    [Fact]
    public async Task Search_RightAfterEachSend_FindsIt()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);

        for (var i = 0; i < 20; i++)
        {
            await test.Store.AppendMessageAsync(Message(alice, $"word{i} is new"), [bob], null, Ct);

            Assert.Equal($"word{i} is new", Assert.Single(await test.Store.SearchAsync(Mesh, $"word{i}", 10, Ct)).Body);
        }
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task IndexFile_FullTextIndex_MergesSixteenSegmentsPerLevel()
    {
        await using var test = await OpenAsync();

        Assert.Equal(16L, test.Scalar("SELECT v FROM indexes.messages_fts_config WHERE k = 'automerge'"));
        Assert.Equal(32L, test.Scalar("SELECT v FROM indexes.messages_fts_config WHERE k = 'crisismerge'"));
    }

    [Fact]
    public async Task Indexer_RunsAtALowCpuPriority()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "per-thread nice values are Linux's");
        await using var test = await OpenAsync();

        var deadline = DateTime.UtcNow + TestTimeout;
        var nices = IndexerNiceValues();
        while ((nices.Count == 0 || nices.Any(nice => nice != 10)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct); // the thread lowers itself as it starts
            nices = IndexerNiceValues();
        }

        Assert.NotEmpty(nices);
        Assert.All(nices, nice => Assert.Equal(10, nice)); // every store's indexer in this test process
    }

    [Fact]
    public async Task IndexBacklog_CountsTheMessagesTheIndexerHasNotCommitted()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);

        using (test.HoldWriteLock(indexFile: true))
        {
            for (var i = 0; i < 3; i++)
            {
                await test.Store.AppendMessageAsync(Message(alice, $"backlog {i}"), [bob], null, Ct);
            }

            Assert.Equal(3, test.Store.IndexBacklog);
        }
        Assert.Equal(3, (await test.Store.SearchAsync(Mesh, "backlog", 10, Ct)).Count);
        Assert.Equal(0, test.Store.IndexBacklog);
    }

    [Fact]
    public async Task Burst_LongerThanTheIndexersLag_IsIndexedOnceAndCompletely()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        var count = BulkIndexer.MaxLagMessages * 3;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => test.Store.AppendMessageAsync(Message(alice, $"burst n{i}"), [bob], null, Ct)))
            .WaitAsync(TestTimeout, Ct);

        Assert.Equal(count, (await test.Store.SearchAsync(Mesh, "burst", count + 1, Ct)).Count);
        Assert.Single(await test.Store.SearchAsync(Mesh, "n0", 10, Ct));
        Assert.Single(await test.Store.SearchAsync(Mesh, $"n{count - 1}", 10, Ct));
        Assert.Equal(count, (await test.Store.HistoryAsync(Mesh, alice.Id, count + 1, null, Ct)).Count);
        Assert.Equal(test.Scalar("SELECT max(pk) FROM messages"), test.Scalar(Mark));
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task AgentHistory_IsTheSameWhereverTheMarkIs()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        var sent = new List<string>();
        foreach (var (from, to) in new[] { (alice, bob), (bob, alice), (alice, bob), (alice, bob), (bob, alice), (alice, bob), (bob, bob) })
        {
            sent.Add((await test.Store.AppendMessageAsync(Message(from, $"from {from.Name}"), [to], null, Ct)).Message.Id);
        }
        await test.Store.DisposeAsync();
        var forAlice = sent.Take(6).Reverse().ToList(); // the last one is bob to himself
        using var connection = test.ConnectWithIndexes();

        foreach (var mark in new[] { 0, 1, 3, 6, 7 })
        {
            MoveTheMark(connection, mark);

            Assert.Equal(forAlice, History(connection, alice.Id, long.MaxValue, 10));
            Assert.Equal(forAlice.Take(2), History(connection, alice.Id, long.MaxValue, 2));
            Assert.Equal(forAlice.Skip(3), History(connection, alice.Id, before: 4, limit: 3));
            Assert.Equal(Enumerable.Reverse(sent), History(connection, bob.Id, long.MaxValue, 10)); // to himself: once
            Assert.Equal(sent.Take(5).Reverse(), History(connection, bob.Id, before: 6, limit: 10));
        }
    }

    [Fact]
    public async Task DeletingAnIndexedMessage_DropsItFromSearchAndHistory()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "kept message"), [bob], null, Ct);
        await test.Store.AppendMessageAsync(Message(alice, "deleted message"), [bob], null, Ct);
        await test.Store.SearchAsync(Mesh, "kept", 10, Ct); // waits for the indexer to index both
        await test.Store.DisposeAsync();

        test.Scalar("DELETE FROM deliveries WHERE message_pk = 2"); // outside AgentMesh: the index file keeps its entries
        test.Scalar("DELETE FROM messages WHERE pk = 2");
        await test.ReopenAsync();

        Assert.Equal("kept message", Assert.Single(await test.Store.SearchAsync(Mesh, "message", 10, Ct)).Body);
        Assert.Equal("kept message", Assert.Single(await test.Store.HistoryAsync(Mesh, alice.Id, 10, null, Ct)).Body);
    }

    [Fact]
    public async Task Initialize_Version7Database_DropsTheOldIndexesAndBuildsTheIndexFile()
    {
        await using var test = await OpenAsync();
        await test.ReplaceWithOlderDatabaseAsync(firstMissing: 8, """
                INSERT INTO messages (id, mesh, from_id, from_name, to_address, kind, body, thread_id, created_at)
                    VALUES ('01JAAAAAAAAAAAAAAAAAAAAAAA', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'indexed by seven', '01JAAAAAAAAAAAAAAAAAAAAAAA', 0),
                           ('01JAAAAAAAAAAAAAAAAAAAAAAB', 'default', 'bbbbbbbb', 'bob', 'alice', 'task', 'also indexed', '01JAAAAAAAAAAAAAAAAAAAAAAB', 0),
                           ('01JAAAAAAAAAAAAAAAAAAAAAAC', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'not indexed yet', '01JAAAAAAAAAAAAAAAAAAAAAAC', 0);
                INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM messages WHERE pk <= 2;
                INSERT INTO messages_sent (from_id, pk) SELECT from_id, pk FROM messages WHERE pk <= 2;
                UPDATE search_index SET indexed_pk = 2;
                """);

        await test.ReopenAsync();

        Assert.Equal(0L, test.Scalar("""
            SELECT count(*) FROM main.sqlite_schema
            WHERE name IN ('messages_fts', 'messages_sent', 'search_index', 'messages_fts_delete', 'messages_sent_delete')
            """));
        var history = await test.Store.HistoryAsync(Mesh, "aaaaaaaa", 10, null, Ct);
        Assert.Equal(["01JAAAAAAAAAAAAAAAAAAAAAAC", "01JAAAAAAAAAAAAAAAAAAAAAAA"], history.Select(m => m.Id));
        Assert.Equal(3, (await test.Store.SearchAsync(Mesh, "indexed", 10, Ct)).Count);
        Assert.Equal(3L, test.Scalar(Mark));
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task Reopen_AfterACrashBeforeIndexing_TheIndexerIndexesTheBacklogOnItsOwn()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "alpha before the crash"), [bob], null, Ct);
        await test.Store.AppendMessageAsync(Message(alice, "beta before the crash"), [bob], null, Ct);
        await test.Store.DisposeAsync();
        ForgetTheIndex(test);

        await test.ReopenAsync();
        await WaitUntilIndexedAsync(test);

        Assert.Equal(2L, test.Scalar("SELECT count(*) FROM indexes.messages_fts WHERE messages_fts MATCH 'crash'"));
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task Search_FirstThingAfterACrashBeforeIndexing_FindsTheBacklog()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "gamma before the crash"), [bob], null, Ct);
        await test.Store.DisposeAsync();
        ForgetTheIndex(test);

        await test.ReopenAsync();
        var found = await test.Store.SearchAsync(Mesh, "gamma", 10, Ct);

        Assert.Equal("gamma before the crash", Assert.Single(found).Body);
        await test.Store.AppendMessageAsync(Message(alice, "gamma after the crash"), [bob], null, Ct);
        Assert.Equal(2, (await test.Store.SearchAsync(Mesh, "gamma", 10, Ct)).Count);
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task Reopen_IndexFileDeleted_RebuildsIt()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "delta one"), [bob], null, Ct);
        await test.Store.AppendMessageAsync(Message(bob, "delta two"), [alice], null, Ct);
        await test.Store.SearchAsync(Mesh, "delta", 10, Ct);
        await test.Store.DisposeAsync();
        foreach (var file in new[] { test.IndexPath, test.IndexPath + "-wal", test.IndexPath + "-shm" })
        {
            File.Delete(file);
        }

        await test.ReopenAsync();

        Assert.Equal(2, (await test.Store.SearchAsync(Mesh, "delta", 10, Ct)).Count);
        Assert.Equal(["delta two", "delta one"], (await test.Store.HistoryAsync(Mesh, alice.Id, 10, null, Ct)).Select(m => m.Body));
        AssertIndexIntact(test);
    }

    [Theory]
    [InlineData("UPDATE indexes.index_state SET store_created = store_created + 1")] // built for another store
    [InlineData("UPDATE indexes.index_state SET indexed_pk = 99")] // ahead of the store: restored from an older copy
    public async Task Reopen_IndexFileNotOfThisStore_RebuildsIt(string mismatch)
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "epsilon"), [bob], null, Ct);
        await test.Store.SearchAsync(Mesh, "epsilon", 10, Ct);
        await test.Store.DisposeAsync();
        test.Scalar("INSERT INTO indexes.messages_sent (from_id, pk) VALUES ('zzzzzzzz', 1)"); // what the other store had
        test.Scalar(mismatch);

        await test.ReopenAsync();
        await WaitUntilIndexedAsync(test);

        Assert.Equal(0L, test.Scalar("SELECT count(*) FROM indexes.messages_sent WHERE from_id = 'zzzzzzzz'"));
        Assert.Equal("epsilon", Assert.Single(await test.Store.SearchAsync(Mesh, "epsilon", 10, Ct)).Body);
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task Initialize_Version3Database_IndexesEveryMessageOnce()
    {
        await using var test = await OpenAsync();
        await test.ReplaceWithOlderDatabaseAsync(firstMissing: 4, """
                INSERT INTO messages (id, mesh, from_id, from_name, to_address, kind, body, thread_id, created_at)
                    VALUES ('01JAAAAAAAAAAAAAAAAAAAAAAA', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'stored by version three', '01JAAAAAAAAAAAAAAAAAAAAAAA', 0),
                           ('01JAAAAAAAAAAAAAAAAAAAAAAB', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'also from three', '01JAAAAAAAAAAAAAAAAAAAAAAB', 0);
                INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM messages;
                INSERT INTO deliveries (recipient_id, message_pk, state, updated_at) VALUES ('bbbbbbbb', 1, 'queued', 0), ('bbbbbbbb', 2, 'queued', 0);
                """);

        await test.ReopenAsync();

        await test.Store.AppendMessageAsync(Message(Agent("alice") with { Id = "aaaaaaaa" }, "three is a number"), [Agent("bob") with { Id = "bbbbbbbb" }], null, Ct);
        Assert.Equal(3, (await test.Store.SearchAsync(Mesh, "three", 10, Ct)).Count);
        Assert.Equal(3L, test.Scalar(Mark));
        AssertIndexIntact(test);
    }

    /// <summary>Indexes exactly the messages up to <paramref name="mark"/>, as if the indexer had stopped there.</summary>
    private static void MoveTheMark(SqliteConnection connection, long mark)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE indexes.index_state SET indexed_pk = $mark;
            DELETE FROM indexes.messages_sent;
            INSERT INTO indexes.messages_sent (from_id, pk) SELECT from_id, pk FROM messages WHERE pk <= $mark;
            """;
        command.Parameters.AddWithValue("$mark", mark);
        command.ExecuteNonQuery();
    }

    /// <summary>The ids the store's agent history query returns, newest first.</summary>
    private static List<string> History(SqliteConnection connection, string agentId, long before, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteMeshStore.AgentHistorySql;
        command.Parameters.AddWithValue("$mesh", Mesh);
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.AddWithValue("$before", before);
        command.Parameters.AddWithValue("$limit", limit);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>The state a kill -9 leaves when messages were committed and their indexing transaction was not.</summary>
    private static void ForgetTheIndex(SqliteTestStore test)
    {
        test.Scalar("INSERT INTO indexes.messages_fts (messages_fts) VALUES ('delete-all')");
        test.Scalar("DELETE FROM indexes.messages_sent");
        test.Scalar("UPDATE indexes.index_state SET indexed_pk = 0");
    }

    /// <summary>Polls the index file from outside until the indexer has caught up on its own (nothing in the store to await).</summary>
    private static async Task WaitUntilIndexedAsync(SqliteTestStore test)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        while (!Equals(test.Scalar(Mark), test.Scalar("SELECT max(pk) FROM messages")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }
        Assert.Equal(test.Scalar("SELECT max(pk) FROM messages"), test.Scalar(Mark));
    }

    /// <summary>
    /// FTS5's own check of the index's structure, and both indexes hold exactly the messages up to the mark, each once
    /// (a contentless FTS5 table refuses a second row with the same rowid).
    /// </summary>
    private static void AssertIndexIntact(SqliteTestStore test)
    {
        test.Scalar("INSERT INTO indexes.messages_fts (messages_fts) VALUES ('integrity-check')");
        foreach (var (index, columns) in new[] { ("indexes.messages_fts", "rowid"), ("indexes.messages_sent", "from_id, pk") })
        {
            var upToTheMark = $"SELECT {(columns == "rowid" ? "pk" : columns)} FROM messages WHERE pk <= (SELECT indexed_pk FROM indexes.index_state WHERE id = 1)";
            Assert.Equal(0L, test.Scalar($"SELECT count(*) FROM ({upToTheMark} EXCEPT SELECT {columns} FROM {index})"));
            Assert.Equal(0L, test.Scalar($"SELECT count(*) FROM (SELECT {columns} FROM {index} EXCEPT {upToTheMark})"));
            Assert.Equal(test.Scalar($"SELECT count(*) FROM ({upToTheMark})"), test.Scalar($"SELECT count(*) FROM {index}"));
        }
    }

    /// <summary>The nice value (field 19 of <c>/proc/self/task/TID/stat</c>) of every thread named mesh-indexer.</summary>
    private static List<int> IndexerNiceValues()
    {
        var nices = new List<int>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != "mesh-indexer")
                {
                    continue;
                }
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // field 3 onwards
                nices.Add(int.Parse(afterName[19 - 3], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }
        return nices;
    }

    private static async Task SaveAsync(SqliteMeshStore store, params Protocol.Agents.AgentInfo[] agents)
    {
        foreach (var agent in agents)
        {
            await store.SaveAgentAsync(agent, MeshEventType.AgentRegistered, agent.LastSeen, Ct);
        }
    }
}
