using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>One measurement against the session's broker; returns one or more report rows.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>The numbers depend on how much is stored, so the scenario starts on an empty broker.</summary>
    bool NeedsEmptyBroker => false;

    Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken);
}
