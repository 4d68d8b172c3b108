using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client.Errors;

/// <summary>
/// The client's one place where an HTTP failure becomes a <see cref="MeshException"/>: a problem+json body
/// keeps the broker's code, detail, candidates and Retry-After; anything else gets a code from its status. The
/// send socket's problem frames go through <see cref="ToException(ProblemBody?, HttpStatusCode, int?, string)"/> too.
/// </summary>
internal static class ProblemTranslator
{
    public static async Task<MeshException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await TryReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
        return ToException(problem, response.StatusCode, RetryAfterSeconds(response),
            $"The broker answered {(int)response.StatusCode} {response.ReasonPhrase} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}.");
    }

    /// <summary>A problem body (from HTTP or a send socket's answer frame) as the exception it stands for.</summary>
    public static MeshException ToException(ProblemBody? problem, HttpStatusCode status, int? retryAfterSeconds, string fallbackMessage)
    {
        var code = problem?.Code is { } wire ? MeshErrorCodes.FromWire(wire) : FromStatus(status);
        var message = problem?.Detail ?? problem?.Title ?? fallbackMessage;
        if (code is MeshErrorCode.InternalError && problem?.CorrelationId is { } correlation)
        {
            message += $" (correlation id {correlation})";
        }
        return new MeshException(code, message)
        {
            Candidates = problem?.Candidates,
            RetryAfterSeconds = retryAfterSeconds,
        };
    }

    private static async Task<ProblemBody?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }
        try
        {
            return await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.ProblemBody, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null; // a proxy or a broken broker: fall back to the status code
        }
    }

    private static int? RetryAfterSeconds(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => (int)Math.Ceiling(delta.TotalSeconds),
        { Date: { } date } => Math.Max(0, (int)Math.Ceiling((date - DateTimeOffset.UtcNow).TotalSeconds)),
        _ => null,
    };

    public static MeshErrorCode FromStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => MeshErrorCode.InvalidRequest,
        HttpStatusCode.Unauthorized => MeshErrorCode.Unauthorized,
        HttpStatusCode.Forbidden => MeshErrorCode.Forbidden,
        HttpStatusCode.NotFound => MeshErrorCode.InvalidRequest,
        HttpStatusCode.Conflict => MeshErrorCode.Conflict,
        HttpStatusCode.RequestEntityTooLarge => MeshErrorCode.BodyTooLarge,
        HttpStatusCode.TooManyRequests => MeshErrorCode.RateLimited,
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway => MeshErrorCode.BrokerUnavailable,
        HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout => MeshErrorCode.Timeout,
        _ => MeshErrorCode.InternalError,
    };
}
