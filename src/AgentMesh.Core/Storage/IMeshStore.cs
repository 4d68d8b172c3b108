using AgentMesh.Core.Events;
using AgentMesh.Core.Policies;
using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Meshes;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Core.Storage;

/// <summary>
/// The durable state of a broker. Every write is atomic with the events it appends to the mesh's event
/// log, and a write's task completes only after it is durable (for SQLite: committed with
/// <c>synchronous=FULL</c>). After each commit the store hands the new events, in sequence order, to
/// the <see cref="IEventSink"/> it was initialised with. The store never reads the clock: callers pass
/// <c>now</c>, so leases and presence can be tested on a fake clock.
/// </summary>
public interface IMeshStore : IAsyncDisposable
{
    /// <summary>Where the data lives, for status output (e.g. <c>sqlite:/home/me/.agentmesh/mesh.db</c>).</summary>
    string Description { get; }

    /// <summary>Applies pending migrations, ensures the <c>default</c> mesh exists, and starts the writer.</summary>
    Task InitializeAsync(IEventSink sink, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<MeshInfo>> ListMeshesAsync(CancellationToken cancellationToken);

    /// <summary>Creates a mesh; returns the existing one when the name is taken.</summary>
    Task<MeshInfo> CreateMeshAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every agent of every mesh, offline ones included: the broker caches them in memory.</summary>
    Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates an agent (keyed by id). Appends an event of <paramref name="eventType"/>, stamped
    /// <paramref name="now"/>, unless the type is null.
    /// </summary>
    Task SaveAgentAsync(AgentInfo agent, string? eventType, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a message and one queued delivery per recipient, with a <c>message.queued</c> event each; in the
    /// same transaction, saves the write's room state or holds the message for its role. When the idempotency
    /// key was used before by the same sender in the same mesh, stores nothing and returns the original
    /// message with <see cref="SendResult.Duplicate"/> set.
    /// </summary>
    Task<SendResult> AppendMessageAsync(MessageWrite write, CancellationToken cancellationToken);

    /// <summary>Every room of every mesh, closed ones included: the broker caches them in memory.</summary>
    Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a room (keyed by mesh and name) and appends an event of <paramref name="eventType"/>.</summary>
    Task SaveRoomAsync(RoomInfo room, string eventType, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Messages posted in a room, newest first.</summary>
    Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(
        string mesh, string room, int limit, string? beforeId, CancellationToken cancellationToken);

    /// <summary>Every role of every mesh, with <see cref="RoleInfo.Held"/> counted.</summary>
    Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a role (keyed by mesh and name) and appends a <c>role.updated</c> event.</summary>
    Task SaveRoleAsync(RoleInfo role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a role and the holds of messages still waiting for it; returns how many holds were dropped.</summary>
    Task<int> DeleteRoleAsync(string mesh, string role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Hands every message held for the role to <paramref name="recipient"/>: a queued delivery and a
    /// <c>message.queued</c> event each, and the holds removed. Returns how many messages were handed over.
    /// </summary>
    Task<int> ReleaseHeldAsync(string mesh, string role, AgentInfo recipient, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Messages waiting for the agent (queued, or delivered and not yet acknowledged), oldest first. Changes nothing.</summary>
    Task<IReadOnlyList<InboxItem>> PeekAsync(string agentId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="limit"/> messages that are queued or whose lease expired, marks them
    /// delivered with a lease until <paramref name="leaseUntil"/>, and returns them oldest first. A delivery
    /// that already had <paramref name="maxAttempts"/> attempts becomes dead instead. With
    /// <paramref name="kinds"/>, only messages of those kinds (the recipient's kind) are taken; the others stay
    /// where they are.
    /// </summary>
    Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string agentId, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, IReadOnlyList<string>? kinds,
        CancellationToken cancellationToken);

    /// <summary>Acknowledges the agent's deliveries of these messages (queued or delivered).</summary>
    Task<AckResponse> AckAsync(string agentId, IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the lease of the agent's delivered, unacknowledged delivery of the message to
    /// <paramref name="retryAt"/> (a failed attempt to be retried then), with a <c>delivery.postponed</c> event.
    /// At <paramref name="retryAt"/> the delivery is consumable again (or dead, if it used every attempt).
    /// False, and nothing changes, when there is no such delivery in the delivered state.
    /// </summary>
    Task<bool> PostponeAsync(string agentId, string messageId, DateTimeOffset retryAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Puts deliveries whose lease expired back in the queue (or marks them dead). Returns how many changed.</summary>
    Task<int> ExpireLeasesAsync(DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Every webhook of every mesh, secrets included: the broker caches them in memory.</summary>
    Task<IReadOnlyList<WebhookConfig>> ListWebhooksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves the agent and its webhook settings (keyed by agent id) in one transaction, with an
    /// <c>agent.registered</c> event stamped <paramref name="now"/>.
    /// </summary>
    Task SaveWebhookAsync(AgentInfo agent, WebhookConfig webhook, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the agent's webhook settings and saves <paramref name="agent"/> (offline by then) with an
    /// <c>agent.offline</c> event, in one transaction. False, and nothing changes, when it had no webhook.
    /// </summary>
    Task<bool> DeleteWebhookAsync(AgentInfo agent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every agent's policy that was ever set, in every mesh: the broker caches them in memory.</summary>
    Task<IReadOnlyList<StoredPolicy>> ListPoliciesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces the agent's policy, with an <c>agent.policy</c> event about the agent stamped
    /// <see cref="StoredPolicy.UpdatedAt"/>. An agent the store does not know is an <c>agent_not_found</c> error.
    /// </summary>
    Task SavePolicyAsync(StoredPolicy policy, CancellationToken cancellationToken);

    /// <summary>Unacknowledged, live deliveries per agent id in the mesh.</summary>
    Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(string mesh, CancellationToken cancellationToken);

    /// <summary>Deliveries that are queued or delivered and not yet acknowledged, in every mesh.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Messages stored and not yet in the search and history indexes, for a store that builds them after the commit
    /// (0 for one that indexes as it writes). A search waits for them; a large number means a rebuild is running.
    /// </summary>
    long IndexBacklog { get; }

    Task<MessageDetail?> GetMessageAsync(string mesh, string messageId, CancellationToken cancellationToken);

    /// <summary>Messages in the mesh, newest first; with an agent, only those it sent or received.</summary>
    Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(
        string mesh, string? agentId, int limit, string? beforeId, CancellationToken cancellationToken);

    /// <summary>Every message of a thread, oldest first.</summary>
    Task<IReadOnlyList<MessageEnvelope>> ThreadAsync(string mesh, string threadId, CancellationToken cancellationToken);

    /// <summary>Full-text search over bodies, best match first.</summary>
    Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string mesh, string query, int limit, CancellationToken cancellationToken);

    /// <summary>Events with seq greater than <paramref name="after"/>, in order; with an agent, only events about it.</summary>
    Task<IReadOnlyList<MeshEvent>> ReadEventsAsync(
        string mesh, long after, string? agentId, int limit, CancellationToken cancellationToken);

    /// <summary>The highest seq of the mesh's event log (0 when empty).</summary>
    Task<long> LastSeqAsync(string mesh, CancellationToken cancellationToken);
}

/// <summary>
/// A message to store. A recipient's <see cref="Recipient.Kind"/> overrides the message's kind for it alone.
/// <see cref="Room"/>, when set, is the room's state after the post, saved atomically with it;
/// <see cref="HoldForRole"/> stores the message with no recipient, held until the role has a member online.
/// </summary>
public sealed record MessageWrite(MessageEnvelope Message, IReadOnlyList<Recipient> Recipients)
{
    public string? IdempotencyKey { get; init; }
    public RoomInfo? Room { get; init; }
    public string? HoldForRole { get; init; }
}

/// <summary>One recipient of a message, with its own kind when it differs from the message's.</summary>
public readonly record struct Recipient(AgentInfo Agent, string? Kind = null);

/// <summary>The outcome of <see cref="IMeshStore.AppendMessageAsync"/>.</summary>
public sealed record SendResult(MessageEnvelope Message, IReadOnlyList<DeliveryInfo> Deliveries, bool Duplicate);
