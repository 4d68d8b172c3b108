using AgentMesh.Protocol.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace AgentMesh.Server.Errors;

/// <summary>
/// The one place HTTP errors are translated. Our own <see cref="MeshException"/>s cross as they are;
/// framework errors (oversized bodies, unparsable query parameters) become the matching stable code; anything
/// else becomes a generic 500 whose correlation id points at the logged exception.
/// </summary>
internal sealed partial class ErrorTranslation(RequestDelegate next, IHostApplicationLifetime lifetime, ILogger<ErrorTranslation> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Long-polls and push streams end when the broker stops, not only when the client leaves.
        var clientGone = context.RequestAborted;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(clientGone, lifetime.ApplicationStopping);
        context.RequestAborted = aborted.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            // the client went away; nobody is left to tell
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await ProblemWriter.WriteAsync(context,
                new MeshException(MeshErrorCode.BrokerUnavailable, "The broker is stopping. Retry in a moment."), CancellationToken.None);
        }
        catch (Exception exception)
        {
            var correlationId = context.TraceIdentifier;
            var translated = Translate(exception, context);
            if (translated.Code == MeshErrorCode.InternalError)
            {
                LogUnexpected(logger, correlationId, exception);
            }
            await ProblemWriter.WriteAsync(context, translated, clientGone, correlationId);
        }
    }

    internal static MeshException Translate(Exception exception, HttpContext context) => exception switch
    {
        MeshException mesh => mesh,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(context),
        BadHttpRequestException bad => new MeshException(MeshErrorCode.InvalidRequest, Describe(bad)),
        _ => new MeshException(MeshErrorCode.InternalError,
            $"The broker failed unexpectedly. The log has the details under correlation id {context.TraceIdentifier}."),
    };

    private static MeshException TooLarge(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return new MeshException(MeshErrorCode.BodyTooLarge,
            $"The request body is larger than the broker accepts ({limit:N0} bytes). Send a smaller message, or a path to a file instead.");
    }

    private static string Describe(BadHttpRequestException bad) =>
        $"{bad.Message.TrimEnd('.')}. See docs/protocol.md for the route's parameters.";

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unexpected error, correlation id {CorrelationId}")]
    private static partial void LogUnexpected(ILogger logger, string correlationId, Exception exception);
}
