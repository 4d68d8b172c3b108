using System.Globalization;

namespace AgentMesh.LoadGen.Measurement;

/// <summary>
/// The share of CPU time the hypervisor gave to other guests over an interval ("steal", the eighth number of
/// the <c>cpu</c> line in <c>/proc/stat</c>). While a vCPU is stolen nothing in this machine runs on it, so a
/// latency tail can be no better than the host lets it be. NaN off Linux or where the kernel reports no steal.
/// </summary>
internal sealed class StealMeter
{
    private readonly (long Steal, long Total)? _start = Read();

    public static StealMeter Start() => new();

    /// <summary>Stolen time as a percentage of all CPU time since <see cref="Start"/>.</summary>
    public double StopPercent() =>
        _start is { } start && Read() is { } now && now.Total > start.Total
            ? 100.0 * (now.Steal - start.Steal) / (now.Total - start.Total)
            : double.NaN;

    private static (long Steal, long Total)? Read()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] != "cpu" || fields.Length < 9)
            {
                return null;
            }
            // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (ticks[7], ticks.Sum());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
