using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>Small binding and reading helpers: SQLite wants <see cref="DBNull"/> for NULL, readers want nullables.</summary>
internal static class SqliteValues
{
    /// <summary>Sets a parameter, adding it on the command's first use (cached commands keep their parameters).</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetNullableTime(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixTime.FromMs(reader.GetInt64(ordinal));

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => UnixTime.FromMs(reader.GetInt64(ordinal));

    /// <summary>True when the error is a UNIQUE or PRIMARY KEY violation.</summary>
    public static bool IsUniqueViolation(this SqliteException error) =>
        error.SqliteExtendedErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE or SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY;

    public static bool IsForeignKeyViolation(this SqliteException error) =>
        error.SqliteExtendedErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT_FOREIGNKEY;
}
