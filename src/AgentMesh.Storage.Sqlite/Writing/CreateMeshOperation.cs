using AgentMesh.Protocol.Meshes;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Creates a mesh, or returns the one that already has the name.</summary>
internal sealed class CreateMeshOperation(string name, DateTimeOffset now) : WriteOperation<MeshInfo>
{
    private const string InsertSql = "INSERT INTO meshes (name, created_at) VALUES ($name, $at) ON CONFLICT (name) DO NOTHING";
    private const string SelectSql = "SELECT name, created_at FROM meshes WHERE name = $name";

    protected override MeshInfo Run(WriteBatch batch)
    {
        batch.Sql.Get(InsertSql).With("$name", name).With("$at", UnixTime.ToMs(now)).ExecuteNonQuery();
        using var reader = batch.Sql.Get(SelectSql).With("$name", name).ExecuteReader();
        reader.Read();
        return new MeshInfo(reader.GetString(0), reader.GetTime(1));
    }
}
