using System.Globalization;
using AgentMesh.Server.Errors;

namespace AgentMesh.Server.Security;

/// <summary>
/// Rate limiting per authenticated principal (see <see cref="PrincipalRateLimiter"/>): every HTTP request takes
/// one token, and a request over the limit gets 429 problem+json with <c>Retry-After</c>. The send socket takes
/// one token per frame from the same buckets.
/// </summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddMeshRateLimiting(this IServiceCollection services, int perSecond)
    {
        var limiter = new PrincipalRateLimiter(perSecond);
        services.AddSingleton(limiter);
        if (!limiter.Enabled)
        {
            return services;
        }
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = limiter.ForRequests(PartitionKey);
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var refusal = limiter.Refusal(rejected.Lease);
                rejected.HttpContext.Response.Headers.RetryAfter = refusal.RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(rejected.HttpContext, refusal, cancellationToken);
            };
        });
    }

    /// <summary>Whose bucket a request takes from: the principal <see cref="TokenAuthentication"/> set.</summary>
    public static string PartitionKey(HttpContext context) =>
        context.Items[TokenAuthentication.PrincipalItem] as string ?? "anonymous";
}
