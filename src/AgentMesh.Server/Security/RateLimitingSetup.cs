using System.Globalization;
using System.Threading.RateLimiting;
using AgentMesh.Protocol.Errors;
using AgentMesh.Server.Errors;

namespace AgentMesh.Server.Security;

/// <summary>
/// A token bucket per authenticated principal (per token, or the socket owner): N requests per second with
/// bursts up to 2N. A request over the limit gets 429 problem+json with <c>Retry-After</c>.
/// </summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddMeshRateLimiting(this IServiceCollection services, int perSecond)
    {
        if (perSecond <= 0)
        {
            return services;
        }
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(rejected.HttpContext, new MeshException(MeshErrorCode.RateLimited,
                    $"Too many requests for this token (limit {perSecond}/s). Retry after {retryAfter} s.")
                { RetryAfterSeconds = retryAfter }, cancellationToken);
            };
        });
    }

    private static string PartitionKey(HttpContext context) =>
        context.Items[TokenAuthentication.PrincipalItem] as string ?? "anonymous";
}
