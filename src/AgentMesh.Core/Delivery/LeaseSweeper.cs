using AgentMesh.Core.Broker;

namespace AgentMesh.Core.Delivery;

/// <summary>Puts deliveries whose lease expired back in their recipient's queue, or marks them dead.</summary>
public sealed class LeaseSweeper(MeshBroker broker, TimeProvider time)
{
    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        broker.Store.ExpireLeasesAsync(time.GetUtcNow(), broker.Options.MaxDeliveryAttempts, cancellationToken);
}
