using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Rooms;
using AgentMesh.Storage.Sqlite.Rows;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>Inserts or replaces a room with an event; posts that move the turn save the room through <see cref="Save"/> too.</summary>
internal sealed class SaveRoomOperation(RoomInfo room, string eventType, DateTimeOffset now) : WriteOperation<bool>
{
    private const string UpsertSql = """
        INSERT INTO rooms (mesh, name, json) VALUES ($mesh, $name, $json)
        ON CONFLICT (mesh, name) DO UPDATE SET json = excluded.json
        """;

    protected override bool Run(WriteBatch batch)
    {
        Save(batch, room, eventType, now);
        return true;
    }

    public static void Save(WriteBatch batch, RoomInfo room, string eventType, DateTimeOffset now)
    {
        try
        {
            batch.Sql.Get(UpsertSql)
                .With("$mesh", room.Mesh)
                .With("$name", room.Name)
                .With("$json", JsonSerializer.Serialize(room, MeshJsonContext.Default.RoomInfo))
                .ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            throw new MeshException(MeshErrorCode.MeshNotFound, $"There is no mesh called '{room.Mesh}'; create it first.", e);
        }
        batch.Emit(room.Mesh, eventType, now, agentId: null, room: room);
    }
}
