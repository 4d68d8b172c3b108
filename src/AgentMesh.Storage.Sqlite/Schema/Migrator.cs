using System.Globalization;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Storage.Sqlite.Schema;

/// <summary>
/// Forward-only migrations: <c>Migrations/NNNN_name.sql</c>, embedded in the assembly, applied in order
/// inside one immediate transaction and recorded in <c>schema_version</c>. A database that another process
/// migrated in the meantime is seen inside the transaction, so two brokers never apply a file twice.
/// Numbers may have gaps: features built in parallel reserve their numbers (0002 rooms and roles, 0003
/// webhooks), and whichever lands first ships alone. Every file whose number is not recorded yet is applied,
/// not only those above the highest, so a database that got 0003 first still gets 0002 when it arrives.
/// A recorded number this build does not know means the database comes from a newer build: refused.
/// </summary>
internal static class Migrator
{
    private const string ResourcePrefix = "Migrations.";

    /// <summary>Every embedded migration, oldest first.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load();

    public static int Latest => Embedded[^1].Version;

    /// <summary>Brings the database to <see cref="Latest"/>; returns the version it was at before.</summary>
    public static int Apply(SqliteConnection connection, DateTimeOffset now, string path, ILogger logger) =>
        Apply(connection, now, path, logger, Embedded);

    /// <summary>Applies <paramref name="migrations"/> (ordered by number); tests pass their own list.</summary>
    internal static int Apply(SqliteConnection connection, DateTimeOffset now, string path, ILogger logger, IReadOnlyList<Migration> migrations)
    {
        SqliteFiles.Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            SqliteFiles.Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     INTEGER PRIMARY KEY,
                    name        TEXT NOT NULL,
                    applied_at  INTEGER NOT NULL
                ) STRICT
                """);
            var applied = AppliedVersions(connection);
            var current = applied.Count == 0 ? 0 : applied.Max();
            var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
            if (applied.FirstOrDefault(v => migrations.All(m => m.Version != v)) is var unknown and > 0)
            {
                throw new InvalidOperationException(
                    $"{path} is at schema version {Math.Max(unknown, current)} (it has migration {unknown}, which this AgentMesh does not know; it knows up to {latest}). Upgrade AgentMesh to open it.");
            }
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
            {
                SqliteFiles.Execute(connection, migration.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at)";
                record.With("$version", migration.Version).With("$name", migration.Name).With("$at", UnixTime.ToMs(now)).ExecuteNonQuery();
                Log.MigrationApplied(logger, migration.Version, migration.Name, path);
            }
            SqliteFiles.Execute(connection, "COMMIT");
            return current;
        }
        catch
        {
            SqliteFiles.RollbackIfActive(connection);
            throw;
        }
    }

    private static List<int> AppliedVersions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded migration {resource} cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, file[(separator + 1)..], reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version < 1 || (i > 0 && migrations[i].Version == migrations[i - 1].Version))
            {
                throw new InvalidOperationException($"Migration numbers must be positive and unique; {migrations[i].Version} is not.");
            }
        }
        return migrations;
    }
}

/// <summary>One numbered SQL file.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
