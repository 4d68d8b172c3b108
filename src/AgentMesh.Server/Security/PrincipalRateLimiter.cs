using System.Threading.RateLimiting;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Server.Security;

/// <summary>
/// A token bucket per principal (per token, or the socket owner): N per second with bursts up to 2N. One
/// instance serves both HTTP requests (through the rate-limiting middleware) and the frames of the send
/// socket, so pipelining sends over one socket cannot get round the limit that POSTs have.
/// </summary>
internal sealed class PrincipalRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _buckets;

    public PrincipalRateLimiter(int perSecond)
    {
        PerSecond = perSecond;
        if (perSecond > 0)
        {
            _buckets = PartitionedRateLimiter.Create<string, string>(principal =>
                RateLimitPartition.GetTokenBucketLimiter(principal, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    /// <summary>Requests per second per principal; 0 or less turns limiting off.</summary>
    public int PerSecond { get; }

    public bool Enabled => _buckets is not null;

    /// <summary>The same buckets keyed by request, for the middleware.</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests(Func<HttpContext, string> principal) =>
        (_buckets ?? throw new InvalidOperationException("Rate limiting is off."))
            .WithTranslatedKey(principal, leaveOpen: true);

    /// <summary>Takes one token for <paramref name="principal"/>; null when allowed, else the 429 to answer.</summary>
    public MeshException? TryTake(string principal)
    {
        if (_buckets is null)
        {
            return null;
        }
        using var lease = _buckets.AttemptAcquire(principal);
        return lease.IsAcquired ? null : Refusal(lease);
    }

    /// <summary>The 429 for a refused lease, with the seconds to wait.</summary>
    public MeshException Refusal(RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        return new MeshException(MeshErrorCode.RateLimited, $"Too many requests for this token (limit {PerSecond}/s). Retry after {retryAfter} s.")
        {
            RetryAfterSeconds = retryAfter,
        };
    }

    public void Dispose() => _buckets?.Dispose();
}
