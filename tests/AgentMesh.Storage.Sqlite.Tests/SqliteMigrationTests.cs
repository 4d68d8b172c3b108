using AgentMesh.Protocol.Events;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Storage.Sqlite.Tests;

public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task Initialize_NewFile_RecordsEveryMigration()
    {
        await using var test = await OpenAsync();

        Assert.Equal(1L, test.Scalar("SELECT max(version) FROM schema_version"));
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

        Assert.Equal(1L, test.Scalar("SELECT count(*) FROM schema_version"));
        Assert.Equal(1L, test.Scalar("SELECT count(*) FROM meshes"));
        Assert.Equal("alice", Assert.Single(await test.Store.ListAgentsAsync(Ct)).Name);
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
}
