using System.Security.Cryptography;
using System.Text;
using AgentMesh.Protocol.Errors;
using Microsoft.AspNetCore.Connections.Features;

namespace AgentMesh.Server.Security;

/// <summary>
/// Authenticates every request. Connections that arrived over the unix socket are the owner (the socket
/// is 0600 in a 0700 folder, so only the owner can connect). TCP requests need <c>Authorization: Bearer
/// &lt;token&gt;</c>, compared in constant time. Only <c>/healthz</c> is open, and it says nothing but "ok".
/// </summary>
internal sealed class TokenAuthentication(RequestDelegate next, BrokerToken token)
{
    public const string UnixSocketMarker = "agentmesh.unix-socket";
    public const string PrincipalItem = "agentmesh.principal";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Equals("/healthz", StringComparison.Ordinal))
        {
            return next(context);
        }
        if (IsUnixSocket(context))
        {
            context.Items[PrincipalItem] = "owner@socket";
            return next(context);
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new MeshException(MeshErrorCode.Unauthorized,
                "This request has no token. Send 'Authorization: Bearer <token>' with the token from $MESH_HOME/token, or use the unix socket.");
        }
        if (!token.Matches(header.AsSpan(7).Trim()))
        {
            throw new MeshException(MeshErrorCode.Unauthorized,
                "The token is wrong. Use the one in $MESH_HOME/token of the broker you are talking to.");
        }
        context.Items[PrincipalItem] = "owner@token";
        return next(context);
    }

    private static bool IsUnixSocket(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(UnixSocketMarker) == true;
}

/// <summary>The broker's token, held as bytes for constant-time comparison.</summary>
internal sealed class BrokerToken(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public bool Matches(ReadOnlySpan<char> presented)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Encoding.UTF8.GetMaxByteCount(presented.Length) > buffer.Length)
        {
            return false;
        }
        var length = Encoding.UTF8.GetBytes(presented, buffer);
        return CryptographicOperations.FixedTimeEquals(buffer[..length], _expected);
    }
}
