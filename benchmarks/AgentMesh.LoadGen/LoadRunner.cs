using System.Diagnostics;
using System.Text.Json;
using AgentMesh.LoadGen.Reporting;
using AgentMesh.LoadGen.Scenarios;

namespace AgentMesh.LoadGen;

/// <summary>Runs the selected scenarios in a fixed order against one session and prints the report.</summary>
internal static class LoadRunner
{
    private static readonly IScenario[] Scenarios =
    [
        new HostPauseScenario(),
        new DiskSyncScenario(),
        new SequentialSendScenario(),
        new PushLatencyScenario(),
        new ThroughputScenario(),
        new StreamedThroughputScenario(),
        new MemoryScenario(),
        new InboxScenario(),
        new DurabilityScenario(),
        new McpRoundTripScenario(),
        new RoomFanoutScenario(),
        new RoleRoutingScenario(),
        new SupervisorScenario(),
    ];

    public static async Task<int> RunAsync(LoadGenOptions options, CancellationToken cancellationToken)
    {
        var progress = Console.Error;
        var startedAt = DateTimeOffset.UtcNow;
        var loadAverage = MachineInfo.ReadLoadAverage();
        var results = new List<ScenarioResult>();
        await using (var session = await LoadSession.OpenAsync(options, progress, cancellationToken))
        {
            foreach (var scenario in Scenarios.Where(s => options.Runs(s.Name)))
            {
                if (scenario.NeedsEmptyBroker)
                {
                    await session.ResetAsync(cancellationToken);
                }
                session.Say($"{scenario.Name}: running");
                var started = Stopwatch.GetTimestamp();
                var rows = await scenario.RunAsync(session, cancellationToken);
                results.AddRange(rows);
                foreach (var row in rows)
                {
                    session.Say($"{scenario.Name}: {Summary(row)}");
                }
                session.Say($"{scenario.Name}: done in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s");
            }
        }

        var report = new LoadReport
        {
            StartedAt = startedAt,
            Machine = MachineInfo.Read(loadAverage),
            Command = "AgentMesh.LoadGen " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            Transport = options.Transport,
            Results = results,
        };
        Console.Out.Write(options.Json
            ? JsonSerializer.Serialize(report, LoadGenJsonContext.Default.LoadReport) + Environment.NewLine
            : MarkdownReport.Render(report));
        return 0;
    }

    private static string Summary(ScenarioResult row)
    {
        var parts = new List<string> { row.Scenario };
        if (row.PerSecond is { } rate)
        {
            parts.Add($"{rate:N0} msg/s");
        }
        if (row.Latency is { Count: > 0 } l)
        {
            parts.Add($"p50 {l.P50:0.000} ms, p99 {l.P99:0.000} ms, max {l.Max:0.0} ms");
        }
        if (row.Errors > 0)
        {
            parts.Add($"{row.Errors:N0} errors");
        }
        if (row.Notes is not null)
        {
            parts.Add(row.Notes);
        }
        return string.Join(" | ", parts);
    }
}
