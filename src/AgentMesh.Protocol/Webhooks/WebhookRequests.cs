namespace AgentMesh.Protocol.Webhooks;

/// <summary>
/// Makes an agent a webhook, or changes the webhook it already is. Without a secret the broker keeps the one
/// it has, or generates one and returns it once as <c>generated_secret</c>.
/// </summary>
public sealed record SaveWebhookRequest
{
    public required string Url { get; init; }
    public string? Format { get; init; }
    public string? Template { get; init; }
    public string? Secret { get; init; }
    public bool? AllowPrivate { get; init; }
}

/// <summary>A webhook as the broker reports it: the secret is never shown, only whether one is set.</summary>
public sealed record WebhookInfo
{
    public const string SecretSet = "set";

    public required string Agent { get; init; }
    public required string AgentId { get; init; }
    public required string Mesh { get; init; }
    public required string Url { get; init; }
    public required string Format { get; init; }
    public string? Template { get; init; }

    /// <summary>Always <c>set</c>: every webhook has a secret, and its value never leaves the broker again.</summary>
    public string Secret { get; init; } = SecretSet;

    public bool AllowPrivate { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The answer to saving a webhook. <c>generated_secret</c> is present only when the broker made the secret.</summary>
public sealed record WebhookSaved
{
    public required WebhookInfo Webhook { get; init; }
    public bool Created { get; init; }
    public string? GeneratedSecret { get; init; }
}

public sealed record WebhookList(IReadOnlyList<WebhookInfo> Webhooks);

/// <summary>What one test POST did: the HTTP status (absent when no answer came), how long it took, and why it failed.</summary>
public sealed record WebhookTestResult
{
    public required string Agent { get; init; }
    public required string Url { get; init; }
    public required bool Ok { get; init; }
    public int? Status { get; init; }
    public required double LatencyMs { get; init; }
    public string? Error { get; init; }
}
