using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Core.Storage;

public static class MeshStoreExtensions
{
    /// <summary>A plain send: every recipient gets the message's own kind.</summary>
    public static Task<SendResult> AppendMessageAsync(
        this IMeshStore store, MessageEnvelope message, IReadOnlyList<AgentInfo> recipients, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(recipients);
        var write = new MessageWrite(message, [.. recipients.Select(a => new Recipient(a))]) { IdempotencyKey = idempotencyKey };
        return store.AppendMessageAsync(write, cancellationToken);
    }

    /// <summary>A consume of every kind of message.</summary>
    public static Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        this IMeshStore store, string agentId, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ConsumeAsync(agentId, limit, now, leaseUntil, maxAttempts, kinds: null, cancellationToken);
    }
}
