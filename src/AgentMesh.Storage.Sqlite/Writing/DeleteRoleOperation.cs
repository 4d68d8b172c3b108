using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Roles;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Deletes a role and its holds (the held messages stay in history, undelivered); returns how many holds went.</summary>
internal sealed class DeleteRoleOperation(string mesh, string name, DateTimeOffset now) : WriteOperation<int>
{
    private const string DeleteRoleSql = "DELETE FROM roles WHERE mesh = $mesh AND name = $name";
    private const string DeleteHoldsSql = "DELETE FROM held_messages WHERE mesh = $mesh AND role = $name";

    protected override int Run(WriteBatch batch)
    {
        var deleted = batch.Sql.Get(DeleteRoleSql).With("$mesh", mesh).With("$name", name).ExecuteNonQuery();
        var dropped = batch.Sql.Get(DeleteHoldsSql).With("$mesh", mesh).With("$name", name).ExecuteNonQuery();
        if (deleted > 0)
        {
            var gone = new RoleInfo { Name = name, Mesh = mesh, Agents = [], Fallback = RoleFallback.Reject, CreatedAt = now, UpdatedAt = now };
            batch.Emit(mesh, MeshEventType.RoleDeleted, now, agentId: null, role: gone);
        }
        return dropped;
    }
}
