using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary>
    /// <c>POST …/agents/{from}/messages</c>. The broker sets the sender to <paramref name="from"/>; a repeated
    /// idempotency key returns the original message with <see cref="SendMessageResponse.Duplicate"/> set.
    /// </summary>
    public Task<SendMessageResponse> SendMessageAsync(string from, SendMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(Post(AgentPath(from, "/messages"), request, MeshJsonContext.Default.SendMessageRequest),
            MeshJsonContext.Default.SendMessageResponse, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>GET …/messages[?agent=&amp;limit=&amp;before=]</c>: history, newest first.</summary>
    public async Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(
        string? agent, int? limit, string? before, CancellationToken cancellationToken) =>
        (await CallAsync(Get(WithQuery(MeshPath("/messages"), ("agent", agent), ("limit", limit), ("before", before))),
            MeshJsonContext.Default.MessageList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Messages;

    /// <summary><c>GET …/messages/{id}</c>: the message with every recipient's delivery state.</summary>
    public Task<MessageDetail> GetMessageAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return CallAsync(Get(MeshPath($"/messages/{Uri.EscapeDataString(id)}")), MeshJsonContext.Default.MessageDetail, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>GET …/messages/{id}/thread</c>: the whole thread, oldest first.</summary>
    public async Task<IReadOnlyList<MessageEnvelope>> GetThreadAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return (await CallAsync(Get(MeshPath($"/messages/{Uri.EscapeDataString(id)}/thread")),
            MeshJsonContext.Default.MessageList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Messages;
    }

    /// <summary><c>GET …/search?q=</c>: full text over bodies (FTS5 syntax).</summary>
    public async Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string query, int? limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return (await CallAsync(Get(WithQuery(MeshPath("/search"), ("q", query), ("limit", limit))),
            MeshJsonContext.Default.MessageList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Messages;
    }
}
