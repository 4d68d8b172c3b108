using System.Globalization;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Roles;
using AgentMesh.Storage.Sqlite.Rows;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// The <c>role.updated</c> event that says how many messages a role holds now: when one is held, when they are
/// released, and when the role is saved. Live views (the dashboard) keep the count from these events.
/// </summary>
internal static class RoleHeldEvent
{
    private const string RoleSql = "SELECT json FROM roles WHERE mesh = $mesh AND name = $name";
    private const string HeldSql = "SELECT count(*) FROM held_messages WHERE mesh = $mesh AND role = $name";

    /// <summary>Emits the stored role with its held count; nothing when the role is gone.</summary>
    public static void Emit(WriteBatch batch, string mesh, string name, DateTimeOffset at)
    {
        if (batch.Sql.Get(RoleSql).With("$mesh", mesh).With("$name", name).ExecuteScalar() is string json)
        {
            Emit(batch, JsonSerializer.Deserialize(json, MeshJsonContext.Default.RoleInfo)!, at); // written by SaveRoleOperation
        }
    }

    /// <summary>Emits <paramref name="stored"/> (the role as stored) with its held count.</summary>
    public static void Emit(WriteBatch batch, RoleInfo stored, DateTimeOffset at)
    {
        var held = Convert.ToInt32(batch.Sql.Get(HeldSql).With("$mesh", stored.Mesh).With("$name", stored.Name).ExecuteScalar(), CultureInfo.InvariantCulture);
        batch.Emit(stored.Mesh, MeshEventType.RoleUpdated, at, agentId: null, role: stored with { Held = held });
    }
}
