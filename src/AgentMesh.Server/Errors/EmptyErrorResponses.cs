using AgentMesh.Protocol.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace AgentMesh.Server.Errors;

/// <summary>
/// Routing answers some requests with a bare status and no body (no such route, wrong method, wrong content
/// type). This gives those the same problem+json shape and stable codes as every other error.
/// </summary>
internal static class EmptyErrorResponses
{
    public static Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var request = $"{context.Request.Method} {context.Request.Path}";
        MeshException? problem = context.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => new(MeshErrorCode.InvalidRequest,
                $"{request} has a parameter that could not be read (a number where a number is expected, for example). See docs/protocol.md for the route's parameters."),
            StatusCodes.Status404NotFound => new(MeshErrorCode.NotFound, $"There is no route {request}. See docs/protocol.md for the API."),
            StatusCodes.Status405MethodNotAllowed => new(MeshErrorCode.MethodNotAllowed, $"{request} is not allowed. See docs/protocol.md for the methods of each route."),
            StatusCodes.Status415UnsupportedMediaType => new(MeshErrorCode.UnsupportedMediaType, $"{request} takes a JSON body: send it with Content-Type: application/json."),
            _ => null,
        };
        return problem is null ? Task.CompletedTask : ProblemWriter.WriteAsync(context, problem, context.RequestAborted);
    }
}
