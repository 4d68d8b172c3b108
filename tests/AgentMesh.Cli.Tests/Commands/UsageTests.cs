using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary>Help, parse errors and the errors that need no broker.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CliRunner _cli;

    public UsageTests() => _cli = new CliRunner(_home.Path);

    public static TheoryData<string> Commands => ["server", "status", "register", "agents", "send", "inbox", "wait", "ack", "history", "search", "listen", "run"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_HasADescriptionAndAnExample(string command)
    {
        var result = await _cli.RunAsync(command, "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Description:", result.Stdout);
        Assert.Contains("Examples:", result.Stdout);
        Assert.Contains($"  mesh {command}", result.Stdout);
    }

    [Fact]
    public async Task Mesh_NoArguments_ShowsTheCommandList()
    {
        var result = await _cli.RunAsync();

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Commands:", result.Stdout);
        Assert.Contains("send", result.Stdout);
    }

    [Theory]
    [InlineData("send")]
    [InlineData("wait", "--timeout", "soon")]
    [InlineData("inbox", "--limit", "many")]
    [InlineData("agents", "--bogus")]
    [InlineData("frobnicate")]
    public async Task Parse_BadCommandLine_OneLineAndUsageExitCode(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("--help", line);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("send", "bob", "hello")]
    [InlineData("inbox")]
    [InlineData("wait")]
    [InlineData("ack", "01ABC")]
    public async Task AgentCommand_WithoutAsOrMeshAgent_SaysHowToNameTheAgent(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: No agent given: pass --as NAME or set MESH_AGENT (register one with 'mesh register NAME').", Assert.Single(result.StderrLines));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("agents")]
    [InlineData("send", "bob", "hi", "--as", "alice")]
    [InlineData("wait", "--as", "bob", "--json")]
    [InlineData("history")]
    [InlineData("tui")]
    [InlineData("tui", "--json")]
    public async Task DataCommand_NoBrokerAndNoAutostart_ExitsBrokerUnavailableWithOneLine(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.BrokerUnavailable, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains($"No broker answers at {Path.Combine(_home.Path, "mesh.sock")}", line);
        Assert.Contains("mesh server", line);
        Assert.Equal("", result.Stdout);
    }

    public void Dispose() => _home.Dispose();
}
