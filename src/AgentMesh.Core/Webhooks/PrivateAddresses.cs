using System.Net;
using System.Net.Sockets;

namespace AgentMesh.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless the operator allows private targets: loopback, private,
/// link-local (cloud metadata 169.254.169.254 included), carrier-grade NAT, unspecified (0.0.0.0, ::),
/// multicast, reserved and benchmark ranges, unique-local and site-local IPv6. IPv6 forms that carry an
/// IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are
/// judged by that IPv4 address, so wrapping 127.0.0.1 in IPv6 does not get past.
/// </summary>
public static class PrivateAddresses
{
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPrivateV4(address.GetAddressBytes());
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true; // not an IP address we know how to judge
        }
        var b = address.GetAddressBytes();
        if (EmbeddedV4(b) is { } v4)
        {
            return IsPrivateV4(v4);
        }
        return IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)
            || b[0] == 0xFF                                  // ff00::/8 multicast
            || (b[0] & 0xFE) == 0xFC                         // fc00::/7 unique local
            || (b[0] == 0xFE && (b[1] & 0xC0) is 0x80 or 0xC0) // fe80::/10 link-local, fec0::/10 site-local
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
            || b.Take(10).All(x => x == 0) && !(b[10] == 0xFF && b[11] == 0xFF); // other ::/80 forms are not routable
    }

    private static byte[]? EmbeddedV4(byte[] b)
    {
        var firstTenZero = b.Take(10).All(x => x == 0);
        if (firstTenZero && b[10] == 0xFF && b[11] == 0xFF)
        {
            return b[12..16]; // ::ffff:a.b.c.d (mapped)
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0 && (b[12] | b[13] | b[14]) != 0)
        {
            return b[12..16]; // ::a.b.c.d (compatible, deprecated but still parsed by stacks)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0))
        {
            return b[12..16]; // 64:ff9b::/96 NAT64
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return b[2..6]; // 2002:aabb:ccdd::/48 6to4
        }
        return null;
    }

    private static bool IsPrivateV4(byte[] b) => b[0] switch
    {
        0 => true,                                   // 0.0.0.0/8 "this network"
        10 => true,                                  // 10/8
        100 => (b[1] & 0xC0) == 64,                  // 100.64/10 carrier-grade NAT
        127 => true,                                 // loopback
        169 => b[1] == 254,                          // link-local, cloud metadata
        172 => (b[1] & 0xF0) == 16,                  // 172.16/12
        192 => (b[1] == 168)                         // 192.168/16
            || (b[1] == 0 && b[2] is 0 or 2)         // 192.0.0/24 IETF, 192.0.2/24 documentation
            || (b[1] == 88 && b[2] == 99),           // 6to4 relay anycast
        198 => (b[1] & 0xFE) == 18                   // 198.18/15 benchmarking
            || (b[1] == 51 && b[2] == 100),          // documentation
        203 => b[1] == 0 && b[2] == 113,             // documentation
        >= 224 => true,                              // multicast, reserved, broadcast
        _ => false,
    };
}
