namespace AgentMesh.Protocol.Messages;

/// <summary>Per-recipient delivery states: queued → delivered → acknowledged, or dead.</summary>
public static class DeliveryState
{
    public const string Queued = "queued";
    public const string Delivered = "delivered";
    public const string Acknowledged = "acknowledged";
    public const string Dead = "dead";
}
