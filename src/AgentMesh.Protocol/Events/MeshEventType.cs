namespace AgentMesh.Protocol.Events;

public static class MeshEventType
{
    public const string AgentRegistered = "agent.registered";
    public const string AgentStatus = "agent.status";
    public const string AgentOffline = "agent.offline";
    /// <summary>The agent's policy (its allowed control commands) changed; read it with <c>GET …/agents/{agent}/policy</c>.</summary>
    public const string AgentPolicy = "agent.policy";
    /// <summary>A message was queued for one recipient (one event per recipient).</summary>
    public const string MessageQueued = "message.queued";
    public const string DeliveryDelivered = "delivery.delivered";
    public const string DeliveryAcknowledged = "delivery.acknowledged";
    /// <summary>A lease expired and the message is waiting again.</summary>
    public const string DeliveryRequeued = "delivery.requeued";
    public const string DeliveryDead = "delivery.dead";
    public const string RoomCreated = "room.created";
    /// <summary>Members, keywords, the floor or the turn changed.</summary>
    public const string RoomUpdated = "room.updated";
    public const string RoomClosed = "room.closed";
    public const string RoleUpdated = "role.updated";
    public const string RoleDeleted = "role.deleted";
    /// <summary>A delivery attempt failed (a webhook answered non-2xx or not at all); it is retried at lease_until.</summary>
    public const string DeliveryPostponed = "delivery.postponed";
}
