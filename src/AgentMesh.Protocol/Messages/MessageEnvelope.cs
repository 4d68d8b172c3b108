using System.Text.Json;

namespace AgentMesh.Protocol.Messages;

/// <summary>A stored message as every reader sees it.</summary>
public sealed record MessageEnvelope
{
    public required string Id { get; init; }
    public required string Mesh { get; init; }
    public required string From { get; init; }
    public required string FromName { get; init; }
    public required string To { get; init; }
    public required string Kind { get; init; }
    public required string Body { get; init; }
    public string? InReplyTo { get; init; }
    public required string ThreadId { get; init; }
    public JsonElement? Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The room the message was posted in; reply with <c>room:NAME</c>.</summary>
    public string? Room { get; init; }
}

/// <summary>One recipient's view of a delivery.</summary>
public sealed record DeliveryInfo
{
    public required string MessageId { get; init; }
    public required string Recipient { get; init; }
    public required string RecipientName { get; init; }
    public required string State { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>This recipient's kind when it differs from the message's (a reactive room makes a note a task for a mentioned member).</summary>
    public string? Kind { get; init; }
}

/// <summary>What a send returns: the message and where it went. <see cref="Duplicate"/> is true when an idempotency key matched.</summary>
public sealed record SendMessageResponse
{
    public required MessageEnvelope Message { get; init; }
    public required IReadOnlyList<DeliveryInfo> Deliveries { get; init; }
    public bool Duplicate { get; init; }
    /// <summary>Set when the message went to a role with nobody online and waits for the first member to come online.</summary>
    public string? HeldFor { get; init; }
}

/// <summary>A message with its sender's delivery view, for <c>GET /messages/{id}</c>.</summary>
public sealed record MessageDetail
{
    public required MessageEnvelope Message { get; init; }
    public required IReadOnlyList<DeliveryInfo> Deliveries { get; init; }
}

/// <summary>A message waiting in (or taken from) an inbox, with this recipient's delivery state.</summary>
public sealed record InboxItem
{
    public required MessageEnvelope Message { get; init; }
    public required string State { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
}

public sealed record InboxResponse(IReadOnlyList<InboxItem> Messages);

public sealed record AckRequest(IReadOnlyList<string> Ids);

/// <summary>Which ids were acknowledged, and which were not waiting for this agent.</summary>
public sealed record AckResponse(IReadOnlyList<string> Acknowledged, IReadOnlyList<string> NotFound);

public sealed record MessageList(IReadOnlyList<MessageEnvelope> Messages);
