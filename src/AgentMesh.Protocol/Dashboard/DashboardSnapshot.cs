using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Protocol.Dashboard;

/// <summary>
/// Everything a dashboard shows of one mesh at one moment: agents (offline ones included, each with its
/// unread count), recent messages newest first, rooms and roles. <see cref="Cursor"/> is the seq of the last
/// event the snapshot includes; following the event stream after it keeps the picture current.
/// </summary>
public sealed record DashboardSnapshot
{
    public required string Mesh { get; init; }
    public string? Broker { get; init; }
    public required long Cursor { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    public required IReadOnlyList<AgentInfo> Agents { get; init; }
    public required IReadOnlyList<MessageEnvelope> Messages { get; init; }
    public required IReadOnlyList<RoomInfo> Rooms { get; init; }
    public required IReadOnlyList<RoleInfo> Roles { get; init; }
}
