using System.Runtime.InteropServices;

namespace AgentMesh.LoadGen.Reporting;

/// <summary>The machine a run happened on, from <c>/proc</c> where it exists.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, double MemoryGb, string Os, string Runtime)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ProcValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ProcValue("/proc/meminfo", "MemTotal") is { } total && double.TryParse(total.Split(' ')[0], out var kb) ? Math.Round(kb / 1024 / 1024, 1) : 0,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

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
