using System.Globalization;
using System.Text;

namespace AgentMesh.LoadGen.Reporting;

/// <summary>The report as a Markdown table, ready to paste into docs/benchmarks.md.</summary>
internal static class MarkdownReport
{
    public static string Render(LoadReport report)
    {
        var text = new StringBuilder();
        var m = report.Machine;
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cores} cores, {m.Cpu}, {m.MemoryGb} GB, {m.Os}, {m.Runtime}; load average at start {m.LoadAverage ?? "n/a"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{report.Command}` (transport: {report.Transport})");
        text.AppendLine();
        text.AppendLine("| scenario | n | msg/s | p50 ms | p99 ms | max ms | errors | notes |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in report.Results)
        {
            var latency = r.Latency is { Count: > 0 } l ? l : null;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {(r.Count > 0 ? r.Count.ToString("N0", CultureInfo.InvariantCulture) : "")} | {(r.PerSecond is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "")} " +
                $"| {Ms(latency?.P50)} | {Ms(latency?.P99)} | {Ms(latency?.Max)} | {(r.Count > 0 || r.Errors > 0 ? r.Errors.ToString("N0", CultureInfo.InvariantCulture) : "")} | {r.Notes} |");
        }
        return text.ToString();
    }

    private static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.000" : "N1", CultureInfo.InvariantCulture) : "";
}
