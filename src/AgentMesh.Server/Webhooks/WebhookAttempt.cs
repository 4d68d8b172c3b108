namespace AgentMesh.Server.Webhooks;

/// <summary>
/// How one POST went: success is a 2xx. <see cref="Error"/> says why it failed in words fit for a log or a
/// terminal (never the secret, never the body); <see cref="RetryAfter"/> is what the receiver asked for.
/// </summary>
internal sealed record WebhookAttempt(bool Ok, int? Status, TimeSpan Latency, TimeSpan? RetryAfter, string? Error);
