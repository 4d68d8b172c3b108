using System.Diagnostics;
using AgentMesh.LoadGen.Broker;

namespace AgentMesh.LoadGen.Measurement;

/// <summary>
/// How the machine's CPU was split over an interval: broker process vs this load generator, each as a
/// share of one core (200% = both cores of a 2-core machine).
/// </summary>
internal sealed class CpuMeter
{
    private readonly int? _brokerPid;
    private readonly TimeSpan _brokerStart;
    private readonly TimeSpan _selfStart;
    private readonly long _started;

    private CpuMeter(int? brokerPid)
    {
        _brokerPid = brokerPid;
        _brokerStart = brokerPid is { } pid ? ProcStats.ReadCpu(pid) ?? TimeSpan.Zero : TimeSpan.Zero;
        _selfStart = Process.GetCurrentProcess().TotalProcessorTime;
        _started = Stopwatch.GetTimestamp();
    }

    public static CpuMeter Start(int? brokerPid) => new(brokerPid);

    public CpuSplit Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var broker = _brokerPid is { } pid && ProcStats.ReadCpu(pid) is { } now ? (now - _brokerStart).TotalSeconds : double.NaN;
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _selfStart).TotalSeconds;
        return new CpuSplit(100 * broker / wall, 100 * self / wall);
    }
}

/// <summary>CPU use in percent of one core.</summary>
internal sealed record CpuSplit(double BrokerPercent, double LoadGenPercent)
{
    public override string ToString() =>
        double.IsNaN(BrokerPercent) ? $"cpu loadgen {LoadGenPercent:N0}%" : $"cpu broker {BrokerPercent:N0}% / loadgen {LoadGenPercent:N0}%";
}
