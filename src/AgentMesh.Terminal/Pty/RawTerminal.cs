namespace AgentMesh.Terminal.Pty;

/// <summary>
/// The terminal the user runs <c>mesh run</c> in: its size, and raw mode while a program runs behind us (every
/// key goes to the program as typed; the program's own pty does the echoing and line editing). Disposing
/// restores the settings found at the start. A stdin that is not a terminal (a pipe, a test) is left alone.
/// </summary>
public sealed unsafe class RawTerminal : IDisposable
{
    private readonly int _fd;
    private readonly byte[]? _saved;

    private RawTerminal(int fd, byte[]? saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Whether the terminal was switched to raw mode (false when <c>fd</c> is not a terminal).</summary>
    public bool IsRaw => _saved is not null;

    public static bool IsTerminal(int fd) => PtyNative.IsATty(fd) == 1;

    /// <summary>The size of the terminal on <paramref name="fd"/>, or null when it is not a terminal.</summary>
    public static WindowSize? SizeOf(int fd)
    {
        var native = default(PtyNative.WinSize);
        return PtyNative.IoctlWinSize(fd, PtyNative.GetWindowSize, ref native) == 0 ? WindowSize.FromNative(native) : null;
    }

    /// <summary>Switches <paramref name="fd"/> (normally 0, stdin) to raw mode if it is a terminal.</summary>
    public static RawTerminal Enter(int fd)
    {
        if (!IsTerminal(fd))
        {
            return new RawTerminal(fd, null);
        }
        var saved = new byte[PtyNative.TermiosSize];
        var raw = new byte[PtyNative.TermiosSize];
        fixed (byte* savedPointer = saved)
        fixed (byte* rawPointer = raw)
        {
            if (PtyNative.GetAttributes(fd, savedPointer) != 0)
            {
                return new RawTerminal(fd, null);
            }
            saved.CopyTo(raw, 0);
            PtyNative.MakeRaw(rawPointer);
            return PtyNative.SetAttributes(fd, PtyNative.SetAttributesNow, rawPointer) == 0
                ? new RawTerminal(fd, saved)
                : new RawTerminal(fd, null);
        }
    }

    /// <summary>Puts the settings back (after pending output is written, so nothing prints in raw mode afterwards).</summary>
    public void Dispose()
    {
        if (_saved is null)
        {
            return;
        }
        fixed (byte* savedPointer = _saved)
        {
            _ = PtyNative.SetAttributes(_fd, PtyNative.SetAttributesAfterOutput, savedPointer);
        }
    }
}
