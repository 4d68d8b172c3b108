using AgentMesh.Core.Broker;

namespace AgentMesh.Server.Hosting;

/// <summary>Hosts the presence and lease sweeps for the broker's lifetime.</summary>
internal sealed partial class MaintenanceService(MaintenanceLoop loop, ILogger<MaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await loop.RunAsync(e => LogSweepFailed(logger, e), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "A maintenance sweep failed; it runs again next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
