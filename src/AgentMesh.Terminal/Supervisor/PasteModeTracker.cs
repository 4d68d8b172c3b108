namespace AgentMesh.Terminal.Supervisor;

/// <summary>
/// Follows whether the program asked its terminal for bracketed paste (<c>ESC[?2004h</c> on, <c>ESC[?2004l</c>
/// off), as a real terminal does: only then may pasted text be wrapped in <c>ESC[200~ … ESC[201~</c>. The
/// sequences can be split across reads, so the last few bytes of each chunk are kept. Thread-safe to read.
/// </summary>
public sealed class PasteModeTracker
{
    private static readonly byte[] _on = "\e[?2004h"u8.ToArray();
    private static readonly byte[] _off = "\e[?2004l"u8.ToArray();
    private readonly byte[] _carry = new byte[_on.Length - 1];
    private int _carried;
    private volatile bool _enabled;

    public bool Enabled => _enabled;

    public void Observe(ReadOnlySpan<byte> output)
    {
        if (output.IsEmpty)
        {
            return;
        }
        var length = _carried + output.Length;
        Span<byte> joined = length <= 1024 ? stackalloc byte[length] : new byte[length];
        _carry.AsSpan(0, _carried).CopyTo(joined);
        output.CopyTo(joined[_carried..]);

        var lastOn = joined.LastIndexOf(_on);
        var lastOff = joined.LastIndexOf(_off);
        if (lastOn >= 0 || lastOff >= 0)
        {
            _enabled = lastOn > lastOff;
        }
        _carried = Math.Min(_carry.Length, joined.Length);
        joined[^_carried..].CopyTo(_carry);
    }
}
