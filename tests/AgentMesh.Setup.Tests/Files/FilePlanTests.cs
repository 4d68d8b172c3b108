using AgentMesh.Protocol.Errors;
using AgentMesh.Setup.Files;
using AgentMesh.Setup.Instructions;
using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests.Files;

public sealed class FilePlanTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_FileChangedAfterPlanning_ConflictAndNothingWritten()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("project/AGENTS.md", "mine\n");
        var first = await FilePlan.ForApplyAsync(sandbox.PathOf("project/AGENTS.md"), SetupFileKind.Instructions,
            new BlockFileEditor(sandbox.PathOf("project/AGENTS.md"), "codex"), FileCreation.Shared, Cancel);
        var second = await FilePlan.ForApplyAsync(sandbox.PathOf("project/GEMINI.md"), SetupFileKind.Instructions,
            new BlockFileEditor(sandbox.PathOf("project/GEMINI.md"), "gemini"), FileCreation.Shared, Cancel);
        sandbox.Write("project/AGENTS.md", "mine, edited meanwhile\n");

        var error = await Assert.ThrowsAsync<MeshException>(() => FilePlan.ExecuteAsync([second, first], Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains("AGENTS.md changed while mesh setup was reading it", error.Message);
        Assert.False(sandbox.Exists("project/GEMINI.md"));
        Assert.Equal("mine, edited meanwhile\n", sandbox.Read("project/AGENTS.md"));
    }
}
