namespace AgentMesh.Core.Webhooks;

/// <summary>
/// A webhook agent's delivery settings as the store keeps them, secret included. Only the broker and the
/// dispatcher see this type; everything that leaves the broker is a <see cref="Protocol.Webhooks.WebhookInfo"/>.
/// </summary>
public sealed record WebhookConfig
{
    public required string AgentId { get; init; }
    public required string Url { get; init; }
    public required string Format { get; init; }
    public string? Template { get; init; }
    public required string Secret { get; init; }
    public bool AllowPrivate { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Never prints the secret, so a config that ends up in a log or an exception message leaks nothing.</summary>
    public override string ToString() => $"WebhookConfig {{ AgentId = {AgentId}, Format = {Format}, Secret = set }}";
}
