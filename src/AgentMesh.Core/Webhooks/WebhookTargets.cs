using System.Net;
using System.Net.Sockets;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Core.Webhooks;

/// <summary>
/// Checks a webhook URL when it is saved: http or https, absolute, no credentials in it, and (unless private
/// targets are allowed) a host that resolves only to public addresses. The dispatcher checks the address
/// again at every connect, so a name that later resolves elsewhere (DNS rebinding) is still refused.
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2048;

    /// <summary>Resolves a host name; tests and the dispatcher share it so they judge the same addresses.</summary>
    public delegate Task<IPAddress[]> Resolver(string host, CancellationToken cancellationToken);

    public static readonly Resolver Dns = static (host, ct) => System.Net.Dns.GetHostAddressesAsync(host, ct);

    public static Uri Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"The webhook URL must be an absolute http:// or https:// URL of at most {MaxUrlLength} characters, e.g. https://hooks.example.com/mesh.");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                "The webhook URL contains a user name or password; remove it (the broker signs each request with the webhook's secret instead).");
        }
        return uri;
    }

    /// <summary>Refuses a target whose host is, or resolves to, a private address, unless <paramref name="allowPrivate"/>.</summary>
    public static async Task RequirePublicAsync(Uri uri, bool allowPrivate, Resolver resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(resolve);
        if (allowPrivate)
        {
            return;
        }
        var host = uri.IdnHost;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolve(host, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new MeshException(MeshErrorCode.InvalidRequest,
                    $"The webhook host '{uri.Host}' does not resolve ({e.SocketErrorCode}). Check the URL.");
            }
        }
        if (addresses.Length == 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The webhook host '{uri.Host}' resolves to no address. Check the URL.");
        }
        if (addresses.FirstOrDefault(PrivateAddresses.IsPrivate) is { } blocked)
        {
            throw PrivateTarget(uri.Host, blocked);
        }
    }

    public static MeshException PrivateTarget(string host, IPAddress address) => new(MeshErrorCode.WebhookTargetPrivate,
        $"The webhook host '{host}' is a private, loopback or link-local address ({address}). " +
        "If you mean to deliver inside this network, add the webhook again with --allow-private (allow_private: true).");
}
