namespace AgentMesh.Core.Webhooks;

/// <summary>How the broker delivers to webhook agents. Attempts per message come from <see cref="MeshOptions.MaxDeliveryAttempts"/>.</summary>
public sealed record WebhookOptions
{
    /// <summary>How long one POST may take, connect included, before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>POSTs in flight at once across all webhooks (each webhook sends one at a time).</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>The wait before the first retry; each further retry doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>Retry-After</c> a receiver can ask for; longer requests are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle webhook looks for due retries even when nothing signalled it.</summary>
    public TimeSpan IdleRecheck { get; init; } = TimeSpan.FromSeconds(30);
}
