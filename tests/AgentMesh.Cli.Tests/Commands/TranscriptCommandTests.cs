using System.Text.Json;
using AgentMesh.Testing;
using AgentMesh.Transcripts;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary>
/// <c>mesh transcript</c>, <c>transcript search</c> and <c>transcript turn</c> on transcripts recorded from the
/// real claude CLI (tests/AgentMesh.Transcripts.Tests/Recorded), registered with <c>mesh register --transcript</c>.
/// </summary>
public sealed class TranscriptCommandTests
{
    private static string Recorded(string name) => Path.Combine(RepositoryRoot.Path, "tests", "AgentMesh.Transcripts.Tests", "Recorded", name + ".jsonl");

    private static async Task<CliRunner> WithAgentAsync(TestBroker broker, string transcript, string cwd = "/work/api")
    {
        var cli = new CliRunner(broker.Root);
        var registered = await cli.RunAsync("register", "claude-a", "--cwd", cwd, "--transcript", transcript);
        Assert.Equal(ExitCodes.Ok, registered.ExitCode);
        return cli;
    }

    [Fact]
    public async Task Transcript_ByFolderName_LastNTurnsThenASummaryLine()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await WithAgentAsync(broker, Recorded("resumed"));

        var result = await cli.RunAsync("transcript", "api", "-n", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("── turn 2 · ", result.Stdout);
        Assert.Contains("› TOOL-ECHO: run the greeting again\n● Bash {\"command\":\"echo hello-from-tool\",\"description\":\"Print a greeting\"}\n  ⎿ hello-from-tool\n● MOCK-DONE\n", result.Stdout);
        Assert.DoesNotContain("What is this project about?", result.Stdout);
        Assert.StartsWith("Turns 2–3 of 3 of claude-a (", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Transcript_BigResults_CutWithANote_RawShowsThemWhole()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await WithAgentAsync(broker, Recorded("big"));

        var cut = await cli.RunAsync("transcript", "claude-a");
        var raw = await cli.RunAsync("transcript", "claude-a", "--raw");

        Assert.Contains("bytes cut]", cut.Stdout);
        Assert.Contains("--raw shows them whole.", cut.StdoutLines[^1]);
        Assert.DoesNotContain("    2999\n", cut.Stdout);
        Assert.Contains("    2999\n", raw.Stdout);
        Assert.DoesNotContain("bytes cut", raw.Stdout);
    }

    [Fact]
    public async Task Transcript_Json_StdoutIsThePageAndHumanTextGoesToStderr()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await WithAgentAsync(broker, Recorded("tool"));

        var result = await cli.RunAsync("transcript", "claude-a", "--json");

        var page = JsonSerializer.Deserialize(result.Stdout, TranscriptJsonContext.Default.TranscriptPage);
        Assert.NotNull(page);
        Assert.Equal(1, page.TotalTurns);
        Assert.Equal("tool_result", page.Turns[0].Items[1].Kind);
        Assert.Contains("\"tool_use_id\": \"toolu_mock_1\"", result.Stdout);
        Assert.StartsWith("Turn 1 of 1 of claude-a", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Search_TextAndRegex_MatchingTurnsWithTheMatchMarked()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await WithAgentAsync(broker, Recorded("resumed"));

        var text = await cli.RunAsync("transcript", "search", "claude-a", "GREETING");
        var regex = await cli.RunAsync("transcript", "search", "claude-a", "/^(ok|MOCK-DONE)$/", "--json");
        var none = await cli.RunAsync("transcript", "search", "claude-a", "no such words");

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("  prompt: TOOL-ECHO: run the «greeting» again\n", text.Stdout);
        Assert.Contains("tool_use Bash: {\"command\":\"echo hello-from-tool\",\"description\":\"Print a «greeting»\"}", text.Stdout);
        var hits = JsonSerializer.Deserialize(regex.Stdout, TranscriptJsonContext.Default.TranscriptSearchResult);
        Assert.Equal([1, 2, 3], hits!.Hits.Select(h => h.Index));
        Assert.True(hits.Regex);
        Assert.Equal(ExitCodes.Ok, none.ExitCode);
        Assert.StartsWith("No turn of claude-a", Assert.Single(none.StdoutLines));
    }

    [Fact]
    public async Task Turn_OneTurnInFull_MissingTurnIsAnErrorNamingTheRange()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await WithAgentAsync(broker, Recorded("resumed"));

        var turn = await cli.RunAsync("transcript", "turn", "claude-a", "3");
        var missing = await cli.RunAsync("transcript", "turn", "claude-a", "4");

        Assert.Equal(ExitCodes.Ok, turn.ExitCode);
        Assert.StartsWith("── turn 3 · ", turn.Stdout);
        Assert.Contains("› Thanks, that is all.", turn.Stdout);
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.Equal("error: Turn 4 does not exist: the transcript has turns 1 to 3.", Assert.Single(missing.StderrLines));
    }

    [Fact]
    public async Task Errors_OneLineSayingWhatToDo()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await WithAgentAsync(broker, Recorded("plain"));
        await cli.RunAsync("register", "plain-agent");
        await cli.RunAsync("register", "gone", "--transcript", "/nonexistent/folder/session.jsonl");
        await cli.RunAsync("register", "api-two", "--cwd", "/other/api");

        var none = await cli.RunAsync("transcript", "plain-agent");
        var missing = await cli.RunAsync("transcript", "gone");
        var unknown = await cli.RunAsync("transcript", "nobody");
        var ambiguous = await cli.RunAsync("transcript", "api");
        var everyone = await cli.RunAsync("transcript", "*");
        var badRegex = await cli.RunAsync("transcript", "search", "claude-a", "/(?<=a)b/");
        var zero = await cli.RunAsync("transcript", "claude-a", "-n", "0");

        Assert.Equal(ExitCodes.Error, none.ExitCode);
        Assert.Contains("has no transcript registered", Assert.Single(none.StderrLines));
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.Contains("/nonexistent/folder/session.jsonl does not exist", Assert.Single(missing.StderrLines));
        Assert.Equal(ExitCodes.Error, unknown.ExitCode);
        Assert.StartsWith("error: No agent is called 'nobody'.", Assert.Single(unknown.StderrLines));
        Assert.Equal(ExitCodes.Error, ambiguous.ExitCode);
        Assert.Contains("claude-a", Assert.Single(ambiguous.StderrLines));
        Assert.Contains("api-two", ambiguous.StderrLines[0]);
        Assert.Equal(ExitCodes.Usage, everyone.ExitCode);
        Assert.Equal(ExitCodes.Usage, badRegex.ExitCode);
        Assert.Contains("lookarounds", Assert.Single(badRegex.StderrLines));
        Assert.Equal(ExitCodes.Usage, zero.ExitCode);
        Assert.All(new[] { none, missing, unknown, ambiguous, everyone, badRegex, zero }, r => Assert.Equal("", r.Stdout));
    }
}
