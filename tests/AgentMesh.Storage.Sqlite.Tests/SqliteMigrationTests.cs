using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Schema;
using AgentMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Storage.Sqlite.Tests;

public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task Initialize_NewFile_RecordsEveryMigration()
    {
        await using var test = await OpenAsync();

        Assert.True(Migrator.Latest >= 3, "0001, 0002 and 0003 at least are embedded");
        Assert.Equal((long)Migrator.Latest, test.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal((long)Migrator.Embedded.Count, test.Scalar("SELECT count(*) FROM schema_version"));
        Assert.Equal("rooms_roles", test.Scalar("SELECT name FROM schema_version WHERE version = 2"));
        Assert.Equal("webhooks", test.Scalar("SELECT name FROM schema_version WHERE version = 3"));
        Assert.Equal("initial", test.Scalar("SELECT name FROM schema_version WHERE version = 1"));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), test.Scalar("SELECT applied_at FROM schema_version WHERE version = 1"));
    }

    [Fact]
    public async Task Initialize_Reopened_AppliesNothingTwiceAndKeepsData()
    {
        await using var test = await OpenAsync();
        await test.Store.SaveAgentAsync(Agent("alice"), MeshEventType.AgentRegistered, T0, Ct);

        await test.ReopenAsync();
        await test.ReopenAsync();

        Assert.Equal((long)Migrator.Embedded.Count, test.Scalar("SELECT count(*) FROM schema_version"));
        Assert.Equal(1L, test.Scalar("SELECT count(*) FROM meshes"));
        Assert.Equal("alice", Assert.Single(await test.Store.ListAgentsAsync(Ct)).Name);
    }

    [Fact]
    public async Task Initialize_Version1Database_UpgradesAndKeepsItsMessages()
    {
        await using var test = await OpenAsync();
        await test.ReplaceWithOlderDatabaseAsync(firstMissing: 2, """
                INSERT INTO messages (id, mesh, from_id, from_name, to_address, kind, body, thread_id, created_at)
                    VALUES ('01JAAAAAAAAAAAAAAAAAAAAAAA', 'default', 'aaaaaaaa', 'alice', 'bob', 'task', 'from version 1', '01JAAAAAAAAAAAAAAAAAAAAAAA', 0);
                INSERT INTO deliveries (recipient_id, message_pk, state, updated_at) VALUES ('bbbbbbbb', 1, 'queued', 0);
                """);

        await test.ReopenAsync();

        var item = Assert.Single(await test.Store.PeekAsync("bbbbbbbb", 10, Ct));
        Assert.Equal("from version 1", item.Message.Body);
        Assert.Equal("task", item.Message.Kind);
        Assert.Null(item.Message.Room);
        Assert.Equal((long)Migrator.Latest, test.Scalar("SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public async Task Initialize_DatabaseFromANewerVersion_IsRefusedWithTheReason()
    {
        await using var test = await OpenAsync();
        await test.Store.DisposeAsync();
        test.Scalar("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 0)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(test.ReopenAsync);

        Assert.Contains("999", error.Message);
        Assert.Contains("Upgrade AgentMesh", error.Message);
    }

    [Fact]
    public void Apply_ANumberThatLandedAfterAHigherOne_IsStillApplied()
    {
        // 0003 (webhooks) may ship before 0002 (rooms): a database migrated to {1, 3} must still get 2.
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "gap.db");
        Connections.SqliteFiles.EnsurePrivateFile(path);
        using var connection = Connections.SqliteFiles.OpenWriter(path);
        Migration[] first = [new(1, "one", "CREATE TABLE one (x INTEGER) STRICT"), new(3, "three", "CREATE TABLE three (x INTEGER) STRICT")];
        Migration[] later = [first[0], new(2, "two", "CREATE TABLE two (x INTEGER) STRICT"), first[1]];

        var before = Migrator.Apply(connection, T0, path, NullLogger.Instance, first);
        var between = Migrator.Apply(connection, T0, path, NullLogger.Instance, later);
        var after = Migrator.Apply(connection, T0, path, NullLogger.Instance, later);

        Assert.Equal((0, 3, 3), (before, between, after));
        Assert.Equal(3L, Connections.SqliteFiles.Scalar(connection, "SELECT count(*) FROM schema_version"));
        Assert.Equal(0L, Connections.SqliteFiles.Scalar(connection, "SELECT count(*) FROM two"));
    }

    [Fact]
    public void Apply_DatabaseWithAMigrationThisBuildLacks_IsRefused()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "lack.db");
        Connections.SqliteFiles.EnsurePrivateFile(path);
        using var connection = Connections.SqliteFiles.OpenWriter(path);
        Migration[] newer = [new(1, "one", "CREATE TABLE one (x INTEGER) STRICT"), new(2, "two", "CREATE TABLE two (x INTEGER) STRICT")];
        Migration[] older = [newer[0], new(3, "three", "CREATE TABLE three (x INTEGER) STRICT")];
        Migrator.Apply(connection, T0, path, NullLogger.Instance, newer);

        var error = Assert.Throws<InvalidOperationException>(() => Migrator.Apply(connection, T0, path, NullLogger.Instance, older));

        Assert.Contains("migration 2", error.Message);
        Assert.Contains("Upgrade AgentMesh", error.Message);
        Assert.Equal(0L, Connections.SqliteFiles.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'three'"));
    }
}
