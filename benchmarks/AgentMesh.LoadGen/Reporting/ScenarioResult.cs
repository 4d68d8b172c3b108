using AgentMesh.LoadGen.Measurement;

namespace AgentMesh.LoadGen.Reporting;

/// <summary>One row of the report. <see cref="Values"/> holds the numbers a row's notes are made of, for --json.</summary>
internal sealed record ScenarioResult
{
    public required string Scenario { get; init; }
    public long Count { get; init; }
    public double? PerSecond { get; init; }
    public LatencySummary? Latency { get; init; }
    public long Errors { get; init; }
    public string? Notes { get; init; }
    public Dictionary<string, double>? Values { get; init; }
}
