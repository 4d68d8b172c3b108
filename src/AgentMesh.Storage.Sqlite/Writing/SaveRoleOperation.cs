using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Roles;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Inserts or replaces a role, with a <c>role.updated</c> event (<see cref="RoleHeldEvent"/>).</summary>
internal sealed class SaveRoleOperation(RoleInfo role, DateTimeOffset now) : WriteOperation<bool>
{
    private const string UpsertSql = """
        INSERT INTO roles (mesh, name, json) VALUES ($mesh, $name, $json)
        ON CONFLICT (mesh, name) DO UPDATE SET json = excluded.json
        """;

    protected override bool Run(WriteBatch batch)
    {
        // Held is counted on read, and member statuses are the broker's live view: neither is stored.
        var stored = role with { Held = 0, Agents = [.. role.Agents.Select(a => a with { Status = null })] };
        try
        {
            batch.Sql.Get(UpsertSql)
                .With("$mesh", role.Mesh)
                .With("$name", role.Name)
                .With("$json", JsonSerializer.Serialize(stored, MeshJsonContext.Default.RoleInfo))
                .ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            throw new MeshException(MeshErrorCode.MeshNotFound, $"There is no mesh called '{role.Mesh}'; create it first.", e);
        }
        RoleHeldEvent.Emit(batch, stored, now); // with the messages it still holds (a replaced role keeps them)
        return true;
    }
}
