using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>
/// A prepared statement bound directly through SQLitePCL, for the writer's per-message inserts and for every
/// query that reads message rows (<see cref="Query"/>). A <see cref="SqliteCommand"/> looks every parameter up in
/// SQLite by name (converting the name to UTF-8) on every execution; for the dozen parameters of a message row
/// that cost about as much as SQLite's own insert. Here names are resolved once, when the statement is
/// prepared. Errors surface as the <see cref="SqliteException"/> a command would throw. Every parameter must be
/// bound before each <see cref="Execute"/> or <see cref="Query"/>: bindings are cleared after it.
/// </summary>
internal sealed class DirectStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;

    public DirectStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
        _names = new string[raw.sqlite3_bind_parameter_count(_statement)];
        for (var position = 1; position <= _names.Length; position++)
        {
            _names[position - 1] = string.Intern(raw.sqlite3_bind_parameter_name(_statement, position).utf8_to_string());
        }
    }

    public DirectStatement With(string name, string? value) => value is null
        ? Check(raw.sqlite3_bind_null(_statement, Position(name)))
        : Check(raw.sqlite3_bind_text(_statement, Position(name), value));

    public DirectStatement With(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, Position(name), value));

    public DirectStatement With(string name, long? value) => value is { } v
        ? Check(raw.sqlite3_bind_int64(_statement, Position(name), v))
        : Check(raw.sqlite3_bind_null(_statement, Position(name)));

    /// <summary>Runs the statement to completion (it returns no rows) and readies it for the next use.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db); // reads SQLite's message before the reset below
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>Runs the statement as a query; dispose the rows to ready the statement for the next use.</summary>
    public DirectRows Query() => new(_db, _statement);

    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// The parameter's position. Callers pass literals, which are interned like the names above, so the
    /// reference comparison nearly always finds it; the ordinal one is for a name built at run time.
    /// </summary>
    private int Position(string name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (ReferenceEquals(_names[i], name))
            {
                return i + 1;
            }
        }
        var position = Array.IndexOf(_names, name);
        return position >= 0 ? position + 1 : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    private DirectStatement Check(int rc)
    {
        SqliteException.ThrowExceptionForRC(rc, _db);
        return this;
    }
}
