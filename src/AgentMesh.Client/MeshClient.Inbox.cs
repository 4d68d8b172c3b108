using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary>The longest long-poll the broker grants (docs/protocol.md); longer waits are several polls.</summary>
    public static readonly TimeSpan MaxServerWait = TimeSpan.FromSeconds(55);

    /// <summary><c>GET …/agents/{agent}/inbox</c>: unacknowledged messages, oldest first. Changes nothing.</summary>
    public async Task<IReadOnlyList<InboxItem>> PeekInboxAsync(string agent, int? limit, CancellationToken cancellationToken) =>
        (await CallAsync(Get(WithQuery(AgentPath(agent, "/inbox"), ("limit", limit))),
            MeshJsonContext.Default.InboxResponse, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Messages;

    /// <summary>
    /// <c>POST …/agents/{agent}/inbox/consume</c>: takes waiting messages and leases them to the agent.
    /// With a <paramref name="wait"/>, returns as soon as something is waiting, or an empty list when the
    /// wait ends. Waits longer than the broker's cap are split into several long-polls.
    /// </summary>
    public Task<IReadOnlyList<InboxItem>> ConsumeAsync(string agent, int? limit, TimeSpan wait, CancellationToken cancellationToken) =>
        ConsumeAsync(agent, limit, wait, kinds: null, cancellationToken);

    /// <summary>
    /// <see cref="ConsumeAsync(string, int?, TimeSpan, CancellationToken)"/> taking only messages of <paramref name="kinds"/>
    /// (e.g. <see cref="MessageKind.ForModels"/> leaves control commands for the terminal); null takes every kind.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string agent, int? limit, TimeSpan wait, IReadOnlyList<string>? kinds, CancellationToken cancellationToken)
    {
        var kindList = kinds is { Count: > 0 } ? string.Join(',', kinds) : null;
        var deadline = _options.Time.GetUtcNow() + wait;
        while (true)
        {
            var remaining = deadline - _options.Time.GetUtcNow();
            var poll = remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining < MaxServerWait ? remaining : MaxServerWait;
            var path = WithQuery(AgentPath(agent, "/inbox/consume"), ("limit", limit), ("wait", poll > TimeSpan.Zero ? WaitSeconds(poll) : null), ("kinds", kindList));
            var answer = await CallAsync(Post(path), MeshJsonContext.Default.InboxResponse, poll, cancellationToken).ConfigureAwait(false);
            if (answer.Messages.Count > 0 || poll >= remaining)
            {
                return answer.Messages;
            }
        }
    }

    /// <summary><c>POST …/agents/{agent}/ack</c>: acknowledges messages; ids that were not waiting come back in NotFound.</summary>
    public Task<AckResponse> AckAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return CallAsync(Post(AgentPath(agent, "/ack"), new AckRequest(ids), MeshJsonContext.Default.AckRequest),
            MeshJsonContext.Default.AckResponse, TimeSpan.Zero, cancellationToken);
    }
}
