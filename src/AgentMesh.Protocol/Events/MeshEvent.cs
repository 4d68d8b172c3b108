using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Protocol.Events;

/// <summary>
/// One entry of a mesh's append-only event log. <see cref="Seq"/> is monotonic per mesh; a client that
/// resumes from its last seq misses nothing and sees nothing twice. <see cref="Agent"/> is the id of the
/// agent the event is about (the recipient, for message and delivery events).
/// </summary>
public sealed record MeshEvent
{
    public required long Seq { get; init; }
    public required string Mesh { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Agent { get; init; }
    public AgentInfo? AgentInfo { get; init; }
    public MessageEnvelope? Message { get; init; }
    public DeliveryInfo? Delivery { get; init; }
    public RoomInfo? Room { get; init; }
    public RoleInfo? Role { get; init; }
}

/// <summary>A page of events; <see cref="Cursor"/> is the seq to pass as <c>after</c> next time.</summary>
public sealed record EventPage(IReadOnlyList<MeshEvent> Events, long Cursor);
