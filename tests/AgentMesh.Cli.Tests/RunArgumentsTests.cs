using AgentMesh.Cli.Commands.Run;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Cli.Tests;

/// <summary>mesh run's own options come first; everything else reaches the agent unchanged and in order.</summary>
public sealed class RunArgumentsTests
{
    [Theory]
    [InlineData(new string[0], null, new string[0])]
    [InlineData(new[] { "--model", "opus", "-c" }, null, new[] { "--model", "opus", "-c" })]
    [InlineData(new[] { "--bin", "codex", "--full-auto" }, "codex", new[] { "--full-auto" })]
    [InlineData(new[] { "--bin=gemini", "-p", "hi" }, "gemini", new[] { "-p", "hi" })]
    [InlineData(new[] { "--", "--bin", "x", "--help" }, null, new[] { "--bin", "x", "--help" })]
    [InlineData(new[] { "--resume", "--bin", "x" }, null, new[] { "--resume", "--bin", "x" })] // after the first agent option, all is the agent's
    [InlineData(new[] { "-p", "--", "text" }, null, new[] { "-p", "--", "text" })]
    public void Parse_SplitsMeshOptionsFromTheAgents(string[] tokens, string? program, string[] agent)
    {
        var parsed = RunArguments.Parse(tokens);
        Assert.Equal(program, parsed.Program);
        Assert.Equal(agent, parsed.AgentArguments);
    }

    [Theory]
    [InlineData(new[] { "--mesh", "team" }, "team", null, new string[0])]
    [InlineData(new[] { "--mesh=team", "--bin", "codex", "-q" }, "team", "codex", new[] { "-q" })]
    [InlineData(new[] { "--bin", "codex", "--mesh", "team", "--resume" }, "team", "codex", new[] { "--resume" })]
    [InlineData(new[] { "--resume", "--mesh", "team" }, null, null, new[] { "--resume", "--mesh", "team" })] // the agent's own --mesh
    public void Parse_MeshOption_NamesTheMesh(string[] tokens, string? mesh, string? program, string[] agent)
    {
        var parsed = RunArguments.Parse(tokens);
        Assert.Equal((mesh, program), (parsed.Mesh, parsed.Program));
        Assert.Equal(agent, parsed.AgentArguments);
    }

    [Theory]
    [InlineData("--mesh")]
    [InlineData("--mesh=")]
    public void Parse_MeshWithoutAName_SaysHowToWriteIt(string token)
    {
        var error = Assert.Throws<MeshException>(() => RunArguments.Parse([token]));
        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Contains("mesh run --mesh team", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bin")]
    [InlineData("--bin=")]
    public void Parse_BinWithoutAProgram_SaysHowToWriteIt(string token)
    {
        var error = Assert.Throws<MeshException>(() => RunArguments.Parse([token]));
        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Contains("mesh run --bin codex", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run" }, true)]
    [InlineData(new[] { "run", "--resume" }, true)]
    [InlineData(new[] { "run", "--help" }, false)]
    [InlineData(new[] { "run", "-h" }, false)]
    [InlineData(new[] { "runs" }, false)]
    [InlineData(new[] { "send", "run" }, false)]
    public void IsSupervisorRun_LeavesHelpToTheParser(string[] args, bool supervised) =>
        Assert.Equal(supervised, RunArguments.IsSupervisorRun(args));
}
