using AgentMesh.Protocol.Local;

namespace AgentMesh.Core.Identity;

/// <summary>
/// ULIDs (26 chars, Crockford base32): 48 bits of milliseconds then 80 random bits. Ids made by one
/// generator are strictly increasing, even within one millisecond, so sorting by id sorts by send order.
/// </summary>
public sealed class MessageIds(TimeProvider time)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Lock _gate = new();
    private long _lastMs = -1;
    private readonly byte[] _random = new byte[10];

    public string Next()
    {
        lock (_gate)
        {
            var ms = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), _lastMs);
            if (ms == _lastMs)
            {
                IncrementRandom();
            }
            else
            {
                KernelRandom.Fill(_random);
                _random[0] &= 0x7F; // leave headroom so increments within a millisecond never overflow
                _lastMs = ms;
            }
            return Encode(ms, _random);
        }
    }

    private void IncrementRandom()
    {
        for (var i = _random.Length - 1; i >= 0; i--)
        {
            if (++_random[i] != 0)
            {
                return;
            }
        }
    }

    private static string Encode(long ms, byte[] random)
    {
        Span<char> chars = stackalloc char[26];
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
        // 80 random bits → 16 chars, 5 bits each, most significant first.
        var hi = ((ulong)random[0] << 32) | ((ulong)random[1] << 24) | ((ulong)random[2] << 16) | ((ulong)random[3] << 8) | random[4];
        var lo = ((ulong)random[5] << 32) | ((ulong)random[6] << 24) | ((ulong)random[7] << 16) | ((ulong)random[8] << 8) | random[9];
        for (var i = 17; i >= 10; i--)
        {
            chars[i] = Alphabet[(int)(hi & 31)];
            hi >>= 5;
        }
        for (var i = 25; i >= 18; i--)
        {
            chars[i] = Alphabet[(int)(lo & 31)];
            lo >>= 5;
        }
        return new string(chars);
    }
}
