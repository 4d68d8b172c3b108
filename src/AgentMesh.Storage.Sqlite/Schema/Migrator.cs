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
/// </summary>
internal static class Migrator
{
    private const string ResourcePrefix = "Migrations.";

    /// <summary>Every embedded migration, oldest first.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load();

    public static int Latest => Embedded[^1].Version;

    /// <summary>Brings the database to <see cref="Latest"/>; returns the version it was at before.</summary>
    public static int Apply(SqliteConnection connection, DateTimeOffset now, string path, ILogger logger)
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
            var current = Convert.ToInt32(SqliteFiles.Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
            if (current > Latest)
            {
                throw new InvalidOperationException(
                    $"{path} is at schema version {current}, newer than this AgentMesh knows ({Latest}). Upgrade AgentMesh to open it.");
            }
            foreach (var migration in Embedded.Where(m => m.Version > current))
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
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }
        return migrations;
    }
}

/// <summary>One numbered SQL file.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
