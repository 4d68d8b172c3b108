using AgentMesh.Core.Delivery;
using AgentMesh.Core.Presence;

namespace AgentMesh.Core.Broker;

/// <summary>Runs the presence, lease and round-robin turn sweeps every <see cref="MeshOptions.SweepInterval"/> on the injected clock.</summary>
public sealed class MaintenanceLoop(MeshBroker broker, TimeProvider time, IProcessProbe processes)
{
    private readonly PresenceSweeper _presence = new(broker, time, processes);
    private readonly LeaseSweeper _leases = new(broker, time);

    /// <summary>One pass of every sweep; tests call it directly after moving the fake clock.</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        await _presence.SweepAsync(cancellationToken);
        await _leases.SweepAsync(cancellationToken);
        await broker.PassExpiredTurnsAsync(cancellationToken);
    }

    public async Task RunAsync(Action<Exception> onError, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(broker.Options.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await SweepOnceAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                onError(e);
            }
        }
    }
}
