using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Search;
using AgentMesh.Testing;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>
/// Full-text indexing happens off the send's commit (see <see cref="SearchIndexer"/>): these pin down that a
/// search still sees every acknowledged message, and that index and high-water mark survive a crash together.
/// </summary>
public sealed class SqliteSearchIndexTests
{
    private const string Mark = "SELECT indexed_pk FROM search_index WHERE id = 1";

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
    public async Task Migration0006_FullTextIndex_MergesSixteenSegmentsPerLevel()
    {
        await using var test = await OpenAsync();

        Assert.Equal(16L, test.Scalar("SELECT v FROM messages_fts_config WHERE k = 'automerge'"));
        Assert.Equal(32L, test.Scalar("SELECT v FROM messages_fts_config WHERE k = 'crisismerge'"));
    }

    [Fact]
    public async Task Burst_LongerThanTheIndexersLag_IsIndexedOnceAndCompletely()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        var count = SearchIndexer.MaxLagMessages * 3;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => test.Store.AppendMessageAsync(Message(alice, $"burst n{i}"), [bob], null, Ct)))
            .WaitAsync(TestTimeout, Ct);

        Assert.Equal(count, (await test.Store.SearchAsync(Mesh, "burst", count + 1, Ct)).Count);
        Assert.Single(await test.Store.SearchAsync(Mesh, "n0", 10, Ct));
        Assert.Single(await test.Store.SearchAsync(Mesh, $"n{count - 1}", 10, Ct));
        Assert.Equal(test.Scalar("SELECT max(pk) FROM messages"), test.Scalar(Mark));
        AssertIndexIntact(test);
    }

    [Fact]
    public async Task Reopen_AfterACrashBeforeIndexing_TheWriterIndexesTheBacklogOnItsOwn()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "alpha before the crash"), [bob], null, Ct);
        await test.Store.AppendMessageAsync(Message(alice, "beta before the crash"), [bob], null, Ct);
        await test.Store.DisposeAsync();
        ForgetTheIndex(test);

        await test.ReopenAsync();
        var deadline = DateTime.UtcNow + TestTimeout;
        while (!Equals(test.Scalar(Mark), test.Scalar("SELECT max(pk) FROM messages")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct); // polling the file from outside: nothing in the store to await
        }

        Assert.Equal(test.Scalar("SELECT max(pk) FROM messages"), test.Scalar(Mark));
        Assert.Equal(2L, test.Scalar("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'crash'"));
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
    public async Task DeletingAMessageNotIndexedYet_LeavesTheIndexIntact()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "indexed and kept"), [bob], null, Ct);
        await test.Store.AppendMessageAsync(Message(alice, "never indexed and deleted"), [bob], null, Ct);
        await test.Store.DisposeAsync();
        ForgetTheIndex(test);
        test.Scalar("INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM messages WHERE body = 'indexed and kept'");
        test.Scalar("UPDATE search_index SET indexed_pk = (SELECT pk FROM messages WHERE body = 'indexed and kept')");

        test.Scalar("DELETE FROM deliveries WHERE message_pk = (SELECT pk FROM messages WHERE body = 'never indexed and deleted')");
        test.Scalar("DELETE FROM messages WHERE body = 'never indexed and deleted'");

        AssertIndexIntact(test);
        await test.ReopenAsync();
        Assert.Equal("indexed and kept", Assert.Single(await test.Store.SearchAsync(Mesh, "indexed", 10, Ct)).Body);
    }

    [Fact]
    public async Task Initialize_Version3DatabaseWithIndexedMessages_StartsTheMarkAtTheNewestAndIndexesNothingTwice()
    {
        await using var test = await OpenAsync();
        await test.Store.DisposeAsync();
        foreach (var file in new[] { test.Path, test.Path + "-wal", test.Path + "-shm" })
        {
            File.Delete(file);
        }
        using (var connection = test.Connect())
        using (var command = connection.CreateCommand())
        {
            var migrations = Path.Combine(RepositoryRoot.Path, "src/AgentMesh.Storage.Sqlite/Migrations");
            command.CommandText = string.Concat(
                new[] { "0001_initial.sql", "0002_rooms_roles.sql", "0003_webhooks.sql" }.Select(f => File.ReadAllText(Path.Combine(migrations, f)))) + """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;
                INSERT INTO schema_version VALUES (1, 'initial', 0), (2, 'rooms_roles', 0), (3, 'webhooks', 0);
                INSERT INTO meshes VALUES ('default', 0);
                INSERT INTO agents (id, mesh, name, kind, status, registered_at, last_seen) VALUES ('aaaaaaaa', 'default', 'alice', 'http', 'online', 0, 0);
                INSERT INTO agents (id, mesh, name, kind, status, registered_at, last_seen) VALUES ('bbbbbbbb', 'default', 'bob', 'http', 'online', 0, 0);
                INSERT INTO messages (id, mesh, from_id, from_name, to_address, kind, body, thread_id, created_at)
                    VALUES ('01JAAAAAAAAAAAAAAAAAAAAAAA', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'stored by version three', '01JAAAAAAAAAAAAAAAAAAAAAAA', 0),
                           ('01JAAAAAAAAAAAAAAAAAAAAAAB', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'also from three', '01JAAAAAAAAAAAAAAAAAAAAAAB', 0);
                INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM messages;
                INSERT INTO deliveries (recipient_id, message_pk, state, updated_at) VALUES ('bbbbbbbb', 1, 'queued', 0), ('bbbbbbbb', 2, 'queued', 0);
                """;
            command.ExecuteNonQuery();
        }

        await test.ReopenAsync();

        Assert.Equal(2L, test.Scalar(Mark));
        await test.Store.AppendMessageAsync(Message(Agent("alice") with { Id = "aaaaaaaa" }, "three is a number"), [Agent("bob") with { Id = "bbbbbbbb" }], null, Ct);
        Assert.Equal(3, (await test.Store.SearchAsync(Mesh, "three", 10, Ct)).Count);
        Assert.Equal(3L, test.Scalar(Mark));
        AssertIndexIntact(test);
    }

    /// <summary>The state a kill -9 leaves when messages were committed and their indexing transaction was not.</summary>
    private static void ForgetTheIndex(SqliteTestStore test)
    {
        test.Scalar("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')");
        test.Scalar("UPDATE search_index SET indexed_pk = 0");
    }

    /// <summary>FTS5's own check of the index against every message: fails on a missing, extra or doubled row, so only when caught up.</summary>
    private static void AssertIndexIntact(SqliteTestStore test) =>
        test.Scalar("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");

    private static async Task SaveAsync(SqliteMeshStore store, params Protocol.Agents.AgentInfo[] agents)
    {
        foreach (var agent in agents)
        {
            await store.SaveAgentAsync(agent, MeshEventType.AgentRegistered, agent.LastSeen, Ct);
        }
    }
}
