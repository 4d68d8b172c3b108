using System.Net;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Server.Security;

/// <summary>
/// Refuses browser requests from pages that are not served by a loopback origin. A web page elsewhere
/// could otherwise reach the loopback broker through DNS rebinding; MCP's Streamable HTTP transport requires
/// servers to check <c>Origin</c>. Requests without an <c>Origin</c> header (every non-browser client) pass.
/// </summary>
internal sealed class OriginCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsLoopback(origin))
        {
            return next(context);
        }
        throw new MeshException(MeshErrorCode.Forbidden,
            $"Requests from the web origin '{origin}' are refused: only pages served from this machine's loopback address may call the broker.");
    }

    internal static bool IsLoopback(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
