using System.Text.Json;

namespace AgentMesh.Protocol.Messages;

/// <summary>
/// A message to send. There is deliberately no <c>from</c>: the sender is the authenticated acting agent.
/// </summary>
public sealed record SendMessageRequest
{
    /// <summary>A name, an 8-char id, the basename of an agent's folder, <c>role:NAME</c>, <c>room:NAME</c>, or <c>*</c>.</summary>
    public required string To { get; init; }
    public required string Body { get; init; }
    public string? Kind { get; init; }
    public string? InReplyTo { get; init; }
    public string? IdempotencyKey { get; init; }
    public JsonElement? Metadata { get; init; }
    /// <summary>With a <c>role:</c> address: every member of the role instead of the one best placed.</summary>
    public bool Broadcast { get; init; }
}
