using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgentMesh.Protocol.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace AgentMesh.Server.Endpoints;

/// <summary>
/// Reads JSON request bodies. Handlers read their bodies here rather than through parameter binding so
/// that every way a body can be wrong (absent, oversized, not JSON, wrong shape) becomes the same clear
/// problem+json, instead of the framework's empty 400/413 responses.
/// </summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        await ReadOptionalAsync(request, type, cancellationToken)
            ?? throw new MeshException(MeshErrorCode.InvalidRequest,
                $"This route needs a JSON body (Content-Type: application/json). See docs/protocol.md for its shape.");

    /// <summary>Null when there is no body at all (a heartbeat with nothing to say).</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return null;
        }
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken)
                ?? throw new MeshException(MeshErrorCode.InvalidJson, "The request body is JSON null; send an object.");
        }
        catch (JsonException json)
        {
            throw new MeshException(MeshErrorCode.InvalidJson,
                $"The request body is not valid JSON for this route: {json.Message} See docs/protocol.md for the expected shape.");
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }
    }

    private static MeshException TooLarge(long? limit) =>
        new(MeshErrorCode.BodyTooLarge,
            $"The request body is larger than the broker accepts ({limit:N0} bytes). Send a smaller message, or a path to a file instead.");
}
