using System.Text;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Core.Identity;

/// <summary>Agent ids: 8 lowercase base32 chars, random, or derived from a client session id so they survive restarts.</summary>
public static class AgentIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewRandom() => Encode(KernelRandom.GetBytes(5));

    /// <summary>
    /// The same session id always yields the same agent id (stable across /clear and resume): the first 5 bytes of
    /// SHA-256 over <c>mesh\nsessionId</c>. Hashed in managed code, so a Claude Code hook never loads OpenSSL.
    /// </summary>
    public static string FromSessionId(string mesh, string sessionId) =>
        Encode(Sha256.HashData(Encoding.UTF8.GetBytes(mesh + "\n" + sessionId)).AsSpan(0, 5));

    public static bool LooksLikeId(string value) =>
        value.Length == 8 && value.All(c => Alphabet.Contains(c));

    private static string Encode(ReadOnlySpan<byte> fiveBytes)
    {
        ulong bits = 0;
        foreach (var b in fiveBytes)
        {
            bits = (bits << 8) | b;
        }
        Span<char> chars = stackalloc char[8];
        for (var i = 7; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }
        return new string(chars);
    }
}
