using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    public const int MaxBatch = 500;

    /// <summary>Unacknowledged messages of the agent, oldest first. Changes nothing.</summary>
    public async Task<IReadOnlyList<InboxItem>> PeekAsync(string mesh, string agentRef, int limit, CancellationToken cancellationToken)
    {
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        return await _store.PeekAsync(agent.Id, ClampLimit(limit), cancellationToken);
    }

    /// <summary>Takes waiting messages of every kind (see the overload with kinds).</summary>
    public Task<IReadOnlyList<InboxItem>> ConsumeAsync(string mesh, string agentRef, int limit, TimeSpan wait, CancellationToken cancellationToken) =>
        ConsumeAsync(mesh, agentRef, limit, wait, kinds: null, cancellationToken);

    /// <summary>
    /// Takes waiting messages, leasing them to the agent. With a wait, blocks until at least one arrives
    /// or the wait ends (then returns an empty list). A message not acknowledged before its lease ends is
    /// delivered again. With <paramref name="kinds"/>, takes only messages of those kinds (hooks and MCP tools
    /// leave control commands to whatever types them).
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string mesh, string agentRef, int limit, TimeSpan wait, IReadOnlyList<string>? kinds, CancellationToken cancellationToken)
    {
        RequireKinds(kinds);
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        limit = ClampLimit(limit);
        if (wait > Options.MaxWait)
        {
            wait = Options.MaxWait;
        }
        // The deadline starts before the agent counts as waiting, so whoever sees it waiting (a test moving a
        // fake clock, say) cannot move time past a deadline that does not exist yet.
        using var deadline = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : Timeout.InfiniteTimeSpan, _time);
        _activeWaits.AddOrUpdate(agent.Id, 1, static (_, n) => n + 1);
        try
        {
            return await ConsumeWaitingAsync(agent, limit, wait, kinds is { Count: > 0 } ? kinds : null, deadline, cancellationToken);
        }
        finally
        {
            _activeWaits.AddOrUpdate(agent.Id, 0, static (_, n) => n - 1);
        }
    }

    private async Task<IReadOnlyList<InboxItem>> ConsumeWaitingAsync(
        AgentInfo agent, int limit, TimeSpan wait, IReadOnlyList<string>? kinds, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            var signal = _hub.InboxChanged(agent.Id);
            var now = _time.GetUtcNow();
            var items = await _store.ConsumeAsync(agent.Id, limit, now, now + Options.LeaseDuration, Options.MaxDeliveryAttempts, kinds, cancellationToken);
            if (items.Count > 0)
            {
                Metrics.Delivered(items.Count);
                return items;
            }
            if (wait <= TimeSpan.Zero)
            {
                return items;
            }
            try
            {
                await signal.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return [];
            }
        }
    }

    public async Task<AckResponse> AckAsync(string mesh, string agentRef, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        if (messageIds.Count == 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "Give at least one message id to acknowledge.");
        }
        if (messageIds.Count > MaxBatch)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Acknowledge at most {MaxBatch} messages at once.");
        }
        var result = await _store.AckAsync(agent.Id, [.. messageIds.Distinct(StringComparer.Ordinal)], _time.GetUtcNow(), cancellationToken);
        Metrics.Acked(result.Acknowledged.Count);
        return result;
    }

    private static void RequireKinds(IReadOnlyList<string>? kinds)
    {
        if (kinds?.FirstOrDefault(k => !MessageKind.IsValid(k)) is { } unknown)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown message kind '{unknown}' in kinds. Use any of: {string.Join(", ", MessageKind.All)}.");
        }
    }

    private static int ClampLimit(int limit) => limit <= 0 ? 100 : Math.Min(limit, MaxBatch);
}
