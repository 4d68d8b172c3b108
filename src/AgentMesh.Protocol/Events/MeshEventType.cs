namespace AgentMesh.Protocol.Events;

public static class MeshEventType
{
    public const string AgentRegistered = "agent.registered";
    public const string AgentStatus = "agent.status";
    public const string AgentOffline = "agent.offline";
    /// <summary>A message was queued for one recipient (one event per recipient).</summary>
    public const string MessageQueued = "message.queued";
    public const string DeliveryDelivered = "delivery.delivered";
    public const string DeliveryAcknowledged = "delivery.acknowledged";
    /// <summary>A lease expired and the message is waiting again.</summary>
    public const string DeliveryRequeued = "delivery.requeued";
    public const string DeliveryDead = "delivery.dead";
}
