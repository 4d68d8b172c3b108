using AgentMesh.Core.Broker;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Server.Webhooks;

/// <summary>
/// Delivers webhook agents' messages for the broker's lifetime. Each configured webhook gets one worker that
/// takes its next due message under a lease, POSTs it, and acknowledges it on a 2xx or postpones it (lease
/// moved to the retry time) on anything else; a delivery that used every attempt goes dead on its next turn.
/// The states are the store's own, so GET /messages/{id} shows a webhook's delivery like anyone's. Each
/// worker sends one message at a time; <see cref="Core.Webhooks.WebhookOptions.MaxConcurrency"/> caps the
/// POSTs in flight across workers. Workers follow add, change and remove as they happen.
/// </summary>
internal sealed partial class WebhookDispatcher(MeshBroker broker, WebhookSender sender, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    /// <summary>The lease covers the request and a margin for acknowledging it.</summary>
    private static readonly TimeSpan _leaseMargin = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (Task Task, CancellationTokenSource Stop)> _workers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, broker.Options.Webhooks.MaxConcurrency));
    private readonly Random _jitter = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = broker.WebhooksChanged();
                Reconcile(stoppingToken);
                await changed.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            foreach (var (task, stop) in _workers.Values)
            {
                await stop.CancelAsync();
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                stop.Dispose();
            }
        }
    }

    /// <summary>Starts a worker for each new webhook and stops the workers of removed ones.</summary>
    private void Reconcile(CancellationToken stoppingToken)
    {
        var configured = broker.AllWebhooks().Select(w => w.AgentId).ToHashSet(StringComparer.Ordinal);
        foreach (var agentId in _workers.Keys.Where(id => !configured.Contains(id) || _workers[id].Task.IsCompleted).ToList())
        {
            _workers[agentId].Stop.Cancel();
            _workers[agentId].Stop.Dispose();
            _workers.Remove(agentId);
        }
        foreach (var agentId in configured.Where(id => !_workers.ContainsKey(id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _workers[agentId] = (Task.Run(() => RunWorkerAsync(agentId, stop.Token), CancellationToken.None), stop);
        }
    }

    private async Task RunWorkerAsync(string agentId, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!await DeliverNextAsync(agentId, cancellationToken))
                {
                    await WaitForWorkAsync(agentId, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogWorkerFailed(logger, agentId, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One attempt at the webhook's next due message; false when none was due.</summary>
    private async Task<bool> DeliverNextAsync(string agentId, CancellationToken cancellationToken)
    {
        if (broker.FindWebhook(agentId) is not { } config || broker.FindAgent(agentId) is not { } agent)
        {
            return false;
        }
        var options = broker.Options.Webhooks;
        await _slots.WaitAsync(cancellationToken);
        try
        {
            if (await broker.TakeWebhookDeliveryAsync(agentId, options.RequestTimeout + _leaseMargin, cancellationToken) is not { } item)
            {
                return false;
            }
            var attempt = await sender.SendAsync(config, agent.Name, item.Message, item.Attempts, cancellationToken);
            if (attempt.Ok)
            {
                await broker.AckWebhookDeliveryAsync(agentId, item.Message.Id, cancellationToken);
                LogDelivered(logger, agent.Name, item.Message.Id, attempt.Status ?? 0, attempt.Latency.TotalMilliseconds);
                return true;
            }
            await PostponeAsync(agent.Name, agentId, item, attempt, cancellationToken);
            return true;
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task PostponeAsync(string agentName, string agentId, InboxItem item, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastAttempt = item.Attempts >= broker.Options.MaxDeliveryAttempts;
        // After the last attempt the lease ends now, so the next turn marks the delivery dead at once.
        var retryAt = lastAttempt ? now : now + RetrySchedule.Delay(item.Attempts, attempt.RetryAfter, broker.Options.Webhooks, _jitter);
        await broker.PostponeWebhookDeliveryAsync(agentId, item.Message.Id, retryAt, cancellationToken);
        if (lastAttempt)
        {
            LogGivingUp(logger, agentName, item.Message.Id, item.Attempts, attempt.Error ?? "");
        }
        else
        {
            LogAttemptFailed(logger, agentName, item.Message.Id, item.Attempts, attempt.Error ?? "", retryAt);
        }
    }

    /// <summary>Sleeps until a message arrives, the earliest postponed delivery is due, or the idle recheck.</summary>
    private async Task WaitForWorkAsync(string agentId, CancellationToken cancellationToken)
    {
        var signal = broker.Hub.InboxChanged(agentId);
        var options = broker.Options.Webhooks;
        var wait = options.IdleRecheck;
        if (await broker.NextWebhookRetryAsync(agentId, cancellationToken) is { } due)
        {
            var untilDue = due - time.GetUtcNow();
            wait = untilDue < wait ? untilDue : wait;
        }
        if (wait <= TimeSpan.Zero)
        {
            wait = TimeSpan.FromMilliseconds(1); // due already: look again at once, without spinning
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(signal, Task.Delay(wait, time, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Webhook {Agent} accepted message {MessageId} (HTTP {Status}, {LatencyMs:0.0} ms)")]
    private static partial void LogDelivered(ILogger logger, string agent, string messageId, int status, double latencyMs);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Webhook {Agent} failed message {MessageId} on attempt {Attempt}: {Error}; retrying at {RetryAt:O}")]
    private static partial void LogAttemptFailed(ILogger logger, string agent, string messageId, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Webhook {Agent} failed message {MessageId} on its last attempt ({Attempt}): {Error}; it is dead")]
    private static partial void LogGivingUp(ILogger logger, string agent, string messageId, int attempt, string error);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "The webhook worker of agent {AgentId} failed; it starts again in a second")]
    private static partial void LogWorkerFailed(ILogger logger, string agentId, Exception exception);
}
