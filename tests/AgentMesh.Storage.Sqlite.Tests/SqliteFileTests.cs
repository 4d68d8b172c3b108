using AgentMesh.Protocol.Events;
using Microsoft.Data.Sqlite;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Storage.Sqlite.Tests;

public sealed class SqliteFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Writer_Pragmas_AreWalSynchronousFullAndForeignKeys()
    {
        await using var test = await OpenAsync();

        var (journal, synchronous, foreignKeys) = await test.Store.InspectWriterAsync(connection =>
            (Pragma(connection, "journal_mode"), Pragma(connection, "synchronous"), Pragma(connection, "foreign_keys")), Ct);

        Assert.Equal("wal", journal);
        Assert.Equal("2", synchronous); // FULL
        Assert.Equal("1", foreignKeys);
    }

    [Fact]
    public async Task Files_DatabaseWalAndShm_AreOwnerOnly()
    {
        await using var test = await OpenAsync();
        await test.Store.SaveAgentAsync(Agent("alice"), MeshEventType.AgentRegistered, T0, Ct);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.Path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.Path + "-wal"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.Path + "-shm"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.IndexPath)); // the full-text index holds the words of every body
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.IndexPath + "-wal"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.IndexPath + "-shm"));
    }

    [Fact]
    public async Task Files_ExistingWorldReadableDatabase_IsTightenedAtOpen()
    {
        await using var test = await OpenAsync();
        await test.Store.DisposeAsync();
        File.SetUnixFileMode(test.Path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await test.ReopenAsync();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(test.Path));
    }

    [Fact]
    public async Task Times_AreStoredAsUtcUnixMilliseconds()
    {
        await using var test = await OpenAsync();
        var alice = Agent("alice");
        await test.Store.SaveAgentAsync(alice with { LastSeen = T0.ToOffset(TimeSpan.FromHours(2)).AddTicks(1234) }, null, T0, Ct);

        var stored = Assert.Single(await test.Store.ListAgentsAsync(Ct));

        Assert.Equal(T0.ToUnixTimeMilliseconds(), test.Scalar("SELECT last_seen FROM agents"));
        Assert.Equal(T0, stored.LastSeen);
        Assert.Equal(TimeSpan.Zero, stored.LastSeen.Offset);
    }

    [Fact]
    public async Task Dispose_CleanShutdown_CheckpointsTheWalAway()
    {
        await using var test = await OpenAsync();
        await test.Store.SaveAgentAsync(Agent("alice"), MeshEventType.AgentRegistered, T0, Ct);

        await test.Store.DisposeAsync();

        Assert.True(!File.Exists(test.Path + "-wal") || new FileInfo(test.Path + "-wal").Length == 0);
        Assert.Equal("alice", test.Scalar("SELECT name FROM agents"));
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
