namespace AgentMesh.Storage.Sqlite.Rows;

/// <summary>
/// Times are stored as INTEGER unix milliseconds (UTC). Everything the store hands out is truncated to the
/// millisecond first, so what a write returns (and publishes) equals what a later read returns.
/// </summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset Truncate(DateTimeOffset value) => FromMs(ToMs(value));
}
