using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    public async Task<MessageDetail> GetMessageAsync(string mesh, string messageId, CancellationToken cancellationToken)
    {
        RequireMesh(mesh);
        return await _store.GetMessageAsync(mesh, messageId, cancellationToken)
            ?? throw new MeshException(MeshErrorCode.MessageNotFound, $"No message '{messageId}' in mesh '{mesh}'.");
    }

    /// <summary>The whole thread the message belongs to, oldest first.</summary>
    public async Task<IReadOnlyList<MessageEnvelope>> ThreadAsync(string mesh, string messageId, CancellationToken cancellationToken)
    {
        var detail = await GetMessageAsync(mesh, messageId, cancellationToken);
        return await _store.ThreadAsync(mesh, detail.Message.ThreadId, cancellationToken);
    }

    public async Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(
        string mesh, string? agentRef, int limit, string? beforeId, CancellationToken cancellationToken)
    {
        RequireMesh(mesh);
        var agentId = agentRef is null ? null : RequireAgent(mesh, agentRef).Id;
        return await _store.HistoryAsync(mesh, agentId, ClampLimit(limit), beforeId, cancellationToken);
    }

    public async Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string mesh, string query, int limit, CancellationToken cancellationToken)
    {
        RequireMesh(mesh);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The search query is empty.");
        }
        return await _store.SearchAsync(mesh, query, ClampLimit(limit), cancellationToken);
    }

    /// <summary>A cursor as given by a client: a seq, or a negative number meaning "the last N events".</summary>
    public async Task<long> ResolveCursorAsync(string mesh, long after, CancellationToken cancellationToken) =>
        after >= 0 ? after : Math.Max(0, await _store.LastSeqAsync(mesh, cancellationToken) + after);

    /// <summary>
    /// A page of events after the cursor. With a wait and nothing new, blocks until an event arrives or the
    /// wait ends. With an agent, only events about that agent.
    /// </summary>
    public async Task<EventPage> ReadEventsAsync(
        string mesh, string? agentRef, long after, int limit, TimeSpan wait, CancellationToken cancellationToken)
    {
        RequireMesh(mesh);
        var agentId = agentRef is null ? null : RequireAgent(mesh, agentRef).Id;
        limit = ClampLimit(limit);
        after = await ResolveCursorAsync(mesh, after, cancellationToken);
        var page = await _store.ReadEventsAsync(mesh, after, agentId, limit, cancellationToken);
        if (page.Count == 0 && wait > TimeSpan.Zero)
        {
            wait = wait > Options.MaxWait ? Options.MaxWait : wait;
            using var deadline = new CancellationTokenSource(wait, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await foreach (var first in Events.FollowAsync(mesh, agentId, after, linked.Token))
                {
                    page = [first];
                    break;
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // the wait ended with nothing new
            }
        }
        return new EventPage(page, page.Count == 0 ? after : page[^1].Seq);
    }
}
