namespace AgentMesh.Terminal.Pty;

/// <summary>A terminal's size in character cells.</summary>
public readonly record struct WindowSize(int Rows, int Columns)
{
    /// <summary>What a terminal of unknown size is taken to be.</summary>
    public static readonly WindowSize Default = new(24, 80);

    internal PtyNative.WinSize ToNative() => new() { Rows = Clamp(Rows), Columns = Clamp(Columns) };

    internal static WindowSize? FromNative(PtyNative.WinSize size) =>
        size.Rows > 0 && size.Columns > 0 ? new WindowSize(size.Rows, size.Columns) : null;

    private static ushort Clamp(int value) => (ushort)Math.Clamp(value, 1, ushort.MaxValue);

    public override string ToString() => $"{Columns}x{Rows}";
}
