using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests;

/// <summary>Every client's configuration shape, as whole file trees compared byte for byte with Golden/.</summary>
public sealed class GoldenScenarioTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public async Task Apply_Scenario_WritesGoldenFiles(string name)
    {
        var scenario = Scenario.Named(name);
        using var sandbox = scenario.CreateSandbox();

        var result = await sandbox.Service.ApplyAsync(scenario.Request, Cancel);

        Golden.AssertTree(scenario.AppliedTree, sandbox.Snapshot());
        Assert.True(result.Changed);
        Assert.Equal(scenario.Client, result.Client);
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public async Task Apply_Twice_SecondRunChangesNothing(string name)
    {
        var scenario = Scenario.Named(name);
        using var sandbox = scenario.CreateSandbox();
        await sandbox.Service.ApplyAsync(scenario.Request, Cancel);
        var afterFirst = sandbox.Snapshot();

        var second = await sandbox.Service.ApplyAsync(scenario.Request, Cancel);

        Assert.All(second.Files, file => Assert.Equal(SetupFileOutcome.Unchanged, file.Outcome));
        Assert.All(second.Files, file => Assert.Null(file.BackupPath));
        Assert.False(second.Changed);
        Assert.Equal(afterFirst, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public async Task Apply_ExistingFiles_BackedUpOnceWithOriginalBytes(string name)
    {
        var scenario = Scenario.Named(name);
        using var sandbox = scenario.CreateSandbox();
        var input = sandbox.Snapshot();

        var first = await sandbox.Service.ApplyAsync(scenario.Request, Cancel);
        await sandbox.Service.ApplyAsync(scenario.Request with { AgentName = "someone-else" }, Cancel);

        var backups = sandbox.Snapshot().Where(file => file.Key.EndsWith(".mesh-backup", StringComparison.Ordinal)).ToList();
        var changedInputs = first.Files.Where(file => file.Outcome == SetupFileOutcome.Updated).ToList();
        Assert.Equal(changedInputs.Count(file => file.BackupPath is not null), backups.Count);
        foreach (var (path, bytes) in backups)
        {
            Assert.Equal(input[path[..^".mesh-backup".Length]], bytes);
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public async Task Remove_AfterApply_LeavesEverythingButOurEntry(string name)
    {
        var scenario = Scenario.Named(name);
        using var sandbox = scenario.CreateSandbox();
        var input = sandbox.Snapshot();
        await sandbox.Service.ApplyAsync(scenario.Request, Cancel);

        var result = await sandbox.Service.RemoveAsync(scenario.Client, scenario.Scope, Cancel);

        var removed = sandbox.Snapshot();
        Golden.AssertTree(scenario.RemovedTree, removed);
        Assert.Equal(SetupAction.Remove, result.Action);
        Assert.All(result.Files, file => Assert.Contains(file.Outcome, (SetupFileOutcome[])[SetupFileOutcome.Removed, SetupFileOutcome.Deleted]));
        if (scenario.RoundTrips)
        {
            var withoutBackups = removed.Where(file => !file.Key.EndsWith(".mesh-backup", StringComparison.Ordinal)).ToDictionary();
            Assert.Equal(input, new SortedDictionary<string, byte[]>(withoutBackups, StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public async Task Remove_Twice_SecondRunFindsNothing(string name)
    {
        var scenario = Scenario.Named(name);
        using var sandbox = scenario.CreateSandbox();
        await sandbox.Service.ApplyAsync(scenario.Request, Cancel);
        await sandbox.Service.RemoveAsync(scenario.Client, scenario.Scope, Cancel);
        var afterFirst = sandbox.Snapshot();

        var second = await sandbox.Service.RemoveAsync(scenario.Client, scenario.Scope, Cancel);

        Assert.All(second.Files, file => Assert.Equal(SetupFileOutcome.Absent, file.Outcome));
        Assert.Equal(afterFirst, sandbox.Snapshot());
    }
}
