using System.Runtime.InteropServices;

namespace AgentMesh.LoadGen.Reporting;

/// <summary>The machine a run happened on, from <c>/proc</c> where it exists.</summary>
/// <remarks><see cref="LoadAverage"/> is read at the start of the run: other work on the machine skews every number.</remarks>
internal sealed record MachineInfo(int Cores, string Cpu, double MemoryGb, string Os, string Runtime, string? LoadAverage)
{
    public static MachineInfo Read(string? loadAverage) => new(
        Environment.ProcessorCount,
        ProcValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ProcValue("/proc/meminfo", "MemTotal") is { } total && double.TryParse(total.Split(' ')[0], out var kb) ? Math.Round(kb / 1024 / 1024, 1) : 0,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        loadAverage);

    /// <summary>The 1, 5 and 15 minute load averages, or null off Linux.</summary>
    public static string? ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static string? ProcValue(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        return File.ReadLines(file)
            .Where(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(':'))
            .Select(l => l[(l.IndexOf(':') + 1)..].Trim())
            .FirstOrDefault();
    }
}
