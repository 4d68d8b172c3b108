using System.Net;
using System.Net.Sockets;
using AgentMesh.Core.Webhooks;

namespace AgentMesh.Server.Webhooks;

/// <summary>
/// The connect step of the HTTP client that serves webhooks without <c>allow_private</c>. It resolves the
/// host itself and refuses before any byte is sent when an address is private, then connects to exactly the
/// addresses it checked, so a name that resolved to a public address when the webhook was saved and to
/// 127.0.0.1 now (DNS rebinding) is still refused.
/// </summary>
internal static class GuardedConnect
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"The host '{host}' resolves to no address.");
        }
        if (addresses.FirstOrDefault(PrivateAddresses.IsPrivate) is { } blocked)
        {
            throw WebhookTargets.PrivateTarget(host, blocked);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
