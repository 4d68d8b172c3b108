using System.Globalization;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>The broker's resident memory (VmRSS) idle after start, and after 100k messages were stored.</summary>
internal sealed class MemoryScenario : IScenario
{
    private const long AfterMessages = 100_000;

    public string Name => "memory";

    public bool NeedsEmptyBroker => true;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var pid = session.Broker?.Pid ?? session.Target.Pid;
        if (pid is null)
        {
            return [new ScenarioResult { Scenario = "broker RSS", Notes = "skipped: the broker's pid is unknown (attached by url)" }];
        }
        var results = new List<ScenarioResult>();
        if (session.IdleMemory is { } idle)
        {
            results.Add(new ScenarioResult
            {
                Scenario = session.Broker is null ? "broker RSS (at attach)" : "broker RSS, idle after start",
                Notes = string.Create(CultureInfo.InvariantCulture, $"{idle.RssMb:N1} MB"),
                Values = new() { ["rss_mb"] = idle.RssMb },
            });
        }
        var target = Math.Min(AfterMessages, session.Options.MaxStored);
        await StoreFiller.FillToAsync(session, target, cancellationToken);
        // Let the broker settle after the burst (request buffers return to pools, GC runs) before reading.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        if (ProcStats.ReadMemory(pid.Value) is { } after)
        {
            results.Add(new ScenarioResult
            {
                Scenario = $"broker RSS, after {session.Stored:N0} messages",
                Notes = string.Create(CultureInfo.InvariantCulture, $"{after.RssMb:N1} MB (peak {after.PeakRssMb:N1} MB)"),
                Values = new() { ["rss_mb"] = after.RssMb, ["peak_rss_mb"] = after.PeakRssMb, ["stored"] = session.Stored },
            });
        }
        return results;
    }
}
