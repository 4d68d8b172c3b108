namespace AgentMesh.LoadGen.Reporting;

/// <summary>Everything a run measured, and on what.</summary>
internal sealed record LoadReport
{
    public required DateTimeOffset StartedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public required string Command { get; init; }
    public required string Transport { get; init; }
    public required IReadOnlyList<ScenarioResult> Results { get; init; }
}
