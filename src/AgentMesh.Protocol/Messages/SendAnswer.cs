using AgentMesh.Protocol.Errors;

namespace AgentMesh.Protocol.Messages;

/// <summary>
/// The broker's answer to one frame on the send socket (<c>GET …/agents/{agent}/send</c>, docs/protocol.md):
/// the frame's <see cref="Ref"/>, the status its POST would have had, and either the
/// <see cref="SendMessageResponse"/> (201, or 200 for a duplicate idempotency key) or the problem+json body.
/// A success is sent only once the message is committed, like the 201 of POST.
/// </summary>
public sealed record SendAnswer
{
    /// <summary>The frame's <c>ref</c>, as sent; null when the frame was too broken to read one.</summary>
    public string? Ref { get; init; }
    public required int Status { get; init; }
    public SendMessageResponse? Message { get; init; }
    public ProblemBody? Problem { get; init; }
    /// <summary>With 429: seconds to wait before sending again (what <c>Retry-After</c> says on HTTP).</summary>
    public int? RetryAfter { get; init; }
}
