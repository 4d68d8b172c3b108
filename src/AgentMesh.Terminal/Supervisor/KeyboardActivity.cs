namespace AgentMesh.Terminal.Supervisor;

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ Is the person at the keyboard in the middle of something?                                         │
// │                                                                                                   │
// │ The supervisor sees every byte the person types on its way to the agent. It keeps two facts:      │
// │  • when the last key arrived (an injection waits until the keyboard has been quiet for 500 ms);   │
// │  • whether a half-typed draft sits in the agent's input: a rough count of characters typed since  │
// │    the last Enter. Printable characters (one per UTF-8 character) count up, Backspace/DEL counts  │
// │    down, Enter, Ctrl+C and Ctrl+U empty it, and a paste from the person's own terminal            │
// │    (ESC[200~ … ESC[201~) is a draft. Other escape sequences (arrows, function keys, mouse, focus) │
// │    change nothing. The count can only be wrong towards "there is a draft" (e.g. after Ctrl+W or a │
// │    mouse edit), which makes the supervisor wait longer, never type into somebody's sentence.     │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>What the person typed lately (see the block above). The input pump feeds it; the injector reads it.</summary>
public sealed class KeyboardActivity
{
    private readonly Lock _lock = new();
    private const byte Escape = 0x1b;
    private static readonly byte[] _pasteStart = "\e[200~"u8.ToArray();

    private int _draftCharacters;
    private DateTimeOffset? _lastKey;

    /// <summary>When the last key arrived, or null before the first one.</summary>
    public DateTimeOffset? LastKey
    {
        get
        {
            lock (_lock)
            {
                return _lastKey;
            }
        }
    }

    /// <summary>Whether the agent's input probably holds text the person has typed but not submitted.</summary>
    public bool HasDraft
    {
        get
        {
            lock (_lock)
            {
                return _draftCharacters > 0;
            }
        }
    }

    public void Observe(ReadOnlySpan<byte> keys, DateTimeOffset now)
    {
        if (keys.IsEmpty)
        {
            return;
        }
        lock (_lock)
        {
            _lastKey = now;
            Count(keys);
        }
    }

    private void Count(ReadOnlySpan<byte> keys)
    {
        if (keys.StartsWith(_pasteStart))
        {
            _draftCharacters = Math.Max(_draftCharacters, 0) + 1;
            return;
        }
        if (keys[0] == Escape)
        {
            return; // an escape sequence: cursor keys, function keys, mouse or focus reports
        }
        foreach (var key in keys)
        {
            switch (key)
            {
                case (byte)'\r' or (byte)'\n' or 0x03 or 0x15: // Enter, Ctrl+C, Ctrl+U
                    _draftCharacters = 0;
                    break;
                case 0x7f or 0x08: // Backspace
                    _draftCharacters = Math.Max(0, _draftCharacters - 1);
                    break;
                case < 0x20:
                    break; // other control keys (Tab, Ctrl+W, …) move or edit in ways we cannot follow
                case >= 0x80 and < 0xc0:
                    break; // a UTF-8 continuation byte: its character was counted at its first byte
                default:
                    _draftCharacters++;
                    break;
            }
        }
    }
}
