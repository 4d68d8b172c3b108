using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentMesh.Server.Webhooks;

/// <summary>
/// The signature every webhook request carries: <c>X-Mesh-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256
/// (key: the webhook's secret, UTF-8) of <c>&lt;X-Mesh-Timestamp&gt;.&lt;body bytes&gt;</c>. Signing the timestamp
/// with the body lets a receiver refuse old requests (a replay) without trusting an unsigned header.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-Mesh-Signature";
    public const string TimestampHeader = "X-Mesh-Timestamp";
    public const string Prefix = "sha256=";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture) + ".";
        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + body.Length];
        var written = Encoding.ASCII.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? signature) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
}
