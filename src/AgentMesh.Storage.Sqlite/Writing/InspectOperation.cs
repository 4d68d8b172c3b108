using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Runs a read on the writer connection, in turn with the writes; for diagnostics and tests (per-connection pragmas).</summary>
internal sealed class InspectOperation<T>(Func<SqliteConnection, T> inspect) : WriteOperation<T>
{
    protected override T Run(WriteBatch batch) => inspect(batch.Sql.Connection);
}
