using AgentMesh.Core.Webhooks;

namespace AgentMesh.Server.Webhooks;

/// <summary>
/// When a failed webhook delivery is tried again: the receiver's <c>Retry-After</c> if it sent one (cut to
/// <see cref="WebhookOptions.MaxRetryAfter"/>), otherwise exponential backoff from
/// <see cref="WebhookOptions.BaseBackoff"/>, doubling per attempt up to <see cref="WebhookOptions.MaxBackoff"/>,
/// with "equal jitter" (half the step fixed, half random) so many failing deliveries do not retry in lockstep.
/// </summary>
internal static class RetrySchedule
{
    public static TimeSpan Delay(int attemptsSoFar, TimeSpan? retryAfter, WebhookOptions options, Random random)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
        }
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 30);
        var step = Math.Min(options.BaseBackoff.TotalMilliseconds * Math.Pow(2, exponent), options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (random.NextDouble() * step / 2));
    }
}
