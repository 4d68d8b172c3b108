using System.Globalization;

namespace AgentMesh.LoadGen.Broker;

/// <summary>
/// Memory and CPU of a process, read from <c>/proc</c> (Linux only): VmRSS/VmHWM from <c>status</c>, user and
/// system ticks from <c>stat</c>. Good enough to split CPU between the broker and the load generator.
/// </summary>
internal static class ProcStats
{
    /// <summary>USER_HZ: 100 on every mainstream Linux build; <c>/proc</c> reports CPU time in these ticks.</summary>
    private const double TicksPerSecond = 100;

    public static MemorySample? ReadMemory(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = ParseKb(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = ParseKb(line);
                }
            }
            return new MemorySample(rss / 1024.0, hwm / 1024.0);
        }
        catch (IOException)
        {
            return null; // the process is gone
        }
    }

    /// <summary>User + system CPU time of the process so far, or null when it is gone.</summary>
    public static TimeSpan? ReadCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long ParseKb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>Resident set size now and its peak, in MiB.</summary>
internal sealed record MemorySample(double RssMb, double PeakRssMb);
