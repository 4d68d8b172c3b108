using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>
/// One command per SQL text on one connection, created on first use and reused: Microsoft.Data.Sqlite keeps a
/// command's compiled statements until its text changes, so a reused command is prepared only once. Its
/// parameters are reused too (<see cref="Rows.SqliteValues.With"/> sets their values), so every call site
/// must set every parameter its SQL names. Not thread-safe: it belongs to whoever owns the connection.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DirectStatement> _direct = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The command for <paramref name="sql"/>, with the parameter values of its last use.</summary>
    public SqliteCommand Get(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        return command;
    }

    /// <summary>The directly bound statement for <paramref name="sql"/>, for the hottest writes and message reads (see <see cref="DirectStatement"/>).</summary>
    public DirectStatement Direct(string sql)
    {
        if (!_direct.TryGetValue(sql, out var statement))
        {
            statement = new DirectStatement(connection, sql);
            _direct.Add(sql, statement);
        }
        return statement;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        foreach (var statement in _direct.Values)
        {
            statement.Dispose();
        }
        _direct.Clear();
    }
}
