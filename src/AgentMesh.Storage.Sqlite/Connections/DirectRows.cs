using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>
/// The rows of a <see cref="DirectStatement"/> query, read straight from SQLite. A <see cref="SqliteDataReader"/>
/// asks SQLite for a column's type before every value (twice for a nullable one), each call through
/// SQLitePCLRaw's marshalling; here a text column is two cheap native calls (<see cref="NativeColumns"/>) and
/// NULL comes back as null. Disposing ends the query: it resets the statement (ending its read transaction)
/// and clears its bindings for the next use.
/// </summary>
internal readonly unsafe struct DirectRows(sqlite3 db, sqlite3_stmt statement) : IDisposable
{
    private readonly nint _handle = statement.DangerousGetHandle();

    /// <summary>Steps to the next row: false when there are no more.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return false;
    }

    public string GetString(int column) =>
        GetNullableString(column) ?? throw new InvalidOperationException($"Column {column} is NULL where text was expected.");

    public string? GetNullableString(int column)
    {
        var text = NativeColumns.Text(_handle, column); // before Bytes: it may convert the value to text first
        return text is null ? null : Encoding.UTF8.GetString(text, NativeColumns.Bytes(_handle, column));
    }

    /// <summary>A text column's UTF-8 bytes, valid until the next <see cref="Read"/>; empty for NULL (check <see cref="IsNull"/>).</summary>
    public ReadOnlySpan<byte> GetUtf8(int column)
    {
        var text = NativeColumns.Text(_handle, column);
        return text is null ? [] : new ReadOnlySpan<byte>(text, NativeColumns.Bytes(_handle, column));
    }

    public long GetInt64(int column) => NativeColumns.Int64(_handle, column);

    public int GetInt32(int column) => checked((int)GetInt64(column));

    public bool IsNull(int column) => NativeColumns.Type(_handle, column) == raw.SQLITE_NULL;

    public void Dispose()
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }
}
