using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;
using AgentMesh.Storage.Sqlite.Connections;
using AgentMesh.Storage.Sqlite.Rows;
using AgentMesh.Storage.Sqlite.Writing;

namespace AgentMesh.Storage.Sqlite;

public sealed partial class SqliteMeshStore
{
    private const string ListRoomsSql = "SELECT json FROM rooms ORDER BY mesh, name";
    private const string ListRolesSql = """
        SELECT r.json, (SELECT count(*) FROM held_messages h WHERE h.mesh = r.mesh AND h.role = r.name)
        FROM roles r ORDER BY r.mesh, r.name
        """;
    private const string RoomHistorySql = $"""
        SELECT {MessageRows.Columns} FROM messages m INDEXED BY messages_room
        WHERE m.mesh = $mesh AND m.room = $room AND m.room IS NOT NULL AND m.pk < $before
        ORDER BY m.pk DESC
        {SqlFragments.Limit}
        """;

    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql =>
        {
            var rooms = new List<RoomInfo>();
            using var reader = sql.Get(ListRoomsSql).ExecuteReader();
            while (reader.Read())
            {
                rooms.Add(JsonSerializer.Deserialize(reader.GetString(0), MeshJsonContext.Default.RoomInfo)
                    ?? throw new InvalidDataException("A room row holds JSON null."));
            }
            return rooms;
        }, cancellationToken);

    public Task SaveRoomAsync(RoomInfo room, string eventType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(eventType);
        return Writer.ExecuteAsync(new SaveRoomOperation(room, eventType, UnixTime.Truncate(now)), cancellationToken);
    }

    public async Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(
        string mesh, string room, int limit, string? beforeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Readers.ReadAsync(sql =>
        {
            var before = beforeId is null ? long.MaxValue : PkOf(sql, mesh, beforeId);
            return MessageRows.ReadAll(sql.Direct(RoomHistorySql).With("$mesh", mesh).With("$room", room).With("$before", before).With("$limit", limit));
        }, cancellationToken, snapshot: beforeId is not null);
    }

    public async Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken cancellationToken) =>
        await Readers.ReadAsync(static sql =>
        {
            var roles = new List<RoleInfo>();
            using var reader = sql.Get(ListRolesSql).ExecuteReader();
            while (reader.Read())
            {
                var role = JsonSerializer.Deserialize(reader.GetString(0), MeshJsonContext.Default.RoleInfo)
                    ?? throw new InvalidDataException("A role row holds JSON null.");
                roles.Add(role with { Held = reader.GetInt32(1) });
            }
            return roles;
        }, cancellationToken);

    public Task SaveRoleAsync(RoleInfo role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Writer.ExecuteAsync(new SaveRoleOperation(role, UnixTime.Truncate(now)), cancellationToken);
    }

    public Task<int> DeleteRoleAsync(string mesh, string role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(role);
        return Writer.ExecuteAsync(new DeleteRoleOperation(mesh, role, UnixTime.Truncate(now)), cancellationToken);
    }

    public Task<int> ReleaseHeldAsync(string mesh, string role, AgentInfo recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(recipient);
        return Writer.ExecuteAsync(new ReleaseHeldOperation(mesh, role, recipient, UnixTime.Truncate(now)), cancellationToken);
    }
}
