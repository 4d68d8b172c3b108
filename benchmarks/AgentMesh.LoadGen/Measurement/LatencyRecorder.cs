using System.Diagnostics;

namespace AgentMesh.LoadGen.Measurement;

/// <summary>
/// Latencies in <see cref="Stopwatch"/> ticks. Not thread-safe: each sender records into its own recorder,
/// and <see cref="Merge"/> combines them at the end. Percentiles are exact (sorted array, nearest rank).
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks;

    public LatencyRecorder(int capacity = 1024) => _ticks = new List<long>(capacity);

    public int Count => _ticks.Count;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordSince(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    public void RecordTicks(long ticks) => _ticks.Add(ticks);

    /// <summary>How many recorded latencies exceed <paramref name="milliseconds"/>.</summary>
    public int CountOver(double milliseconds)
    {
        var limit = milliseconds * Stopwatch.Frequency / 1000.0;
        return _ticks.Count(t => t > limit);
    }

    public static LatencyRecorder Merge(IEnumerable<LatencyRecorder> recorders)
    {
        var merged = new LatencyRecorder();
        foreach (var recorder in recorders)
        {
            merged._ticks.AddRange(recorder._ticks);
        }
        return merged;
    }

    public LatencySummary Summarize()
    {
        if (_ticks.Count == 0)
        {
            return LatencySummary.Empty;
        }
        var sorted = _ticks.ToArray();
        Array.Sort(sorted);
        var sum = 0.0;
        foreach (var t in sorted)
        {
            sum += t;
        }
        return new LatencySummary(
            sorted.Length,
            Milliseconds(Percentile(sorted, 50)),
            Milliseconds(Percentile(sorted, 90)),
            Milliseconds(Percentile(sorted, 99)),
            Milliseconds(sorted[^1]),
            Milliseconds(sum / sorted.Length));
    }

    /// <summary>Nearest rank: the smallest value with at least p% of the samples at or below it.</summary>
    internal static long Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Milliseconds(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);
}
