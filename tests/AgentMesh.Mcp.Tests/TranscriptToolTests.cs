using AgentMesh.Testing;
using static AgentMesh.Mcp.Tests.MeshFixtures;

namespace AgentMesh.Mcp.Tests;

/// <summary>
/// read_history, search_history and get_turn over both transports, on transcripts recorded from the real
/// claude CLI (tests/AgentMesh.Transcripts.Tests/Recorded), registered as another agent's transcript_path.
/// </summary>
public sealed class TranscriptToolTests
{
    private static string Recorded(string name) => Path.Combine(RepositoryRoot.Path, "tests", "AgentMesh.Transcripts.Tests", "Recorded", name + ".jsonl");

    [Fact]
    public async Task ReadHistory_OverHttp_ByFolderName_GivesTheLastTurns()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("claude-a", cwd: "/work/api", transcriptPath: Recorded("resumed"));
        await broker.RegisterAsync("bob");
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        var text = await bob.CallOkAsync("read_history", Args(("agent", "api"), ("turns", 2)));

        Assert.StartsWith("Turns 2–3 of 3 of claude-a (", text);
        Assert.Contains("── turn 2 · ", text);
        Assert.Contains("› TOOL-ECHO: run the greeting again\n● Bash {\"command\":\"echo hello-from-tool\"", text);
        Assert.Contains("  ⎿ hello-from-tool\n", text);
        Assert.Contains("› Thanks, that is all.", text);
        Assert.DoesNotContain("What is this project about?", text);
        Assert.Contains("Earlier turns:", text);
    }

    [Fact]
    public async Task SearchAndGetTurn_OverStdio_FindTheTurnThenShowIt()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("claude-a", transcriptPath: Recorded("resumed"));
        await using var bob = await McpConnection.StdioAsync(broker, "bob");

        var found = await bob.CallOkAsync("search_history", Args(("agent", "claude-a"), ("query", "/hello-\\w+/")));
        var turn = await bob.CallOkAsync("get_turn", Args(("agent", "claude-a"), ("index", 2)));

        Assert.StartsWith("1 of 3 turns of claude-a (", found);
        Assert.Contains("tool_result Bash: «hello-from»-tool", found);
        Assert.StartsWith("── turn 2 · ", turn);
        Assert.Contains("● MOCK-DONE", turn);
    }

    [Fact]
    public async Task ReadHistory_BigResults_CutUnlessRaw()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("claude-a", transcriptPath: Recorded("big"));
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        var cut = await bob.CallOkAsync("read_history", Args(("agent", "claude-a")));
        var raw = await bob.CallOkAsync("get_turn", Args(("agent", "claude-a"), ("index", 1), ("raw", true)));

        Assert.Contains("bytes cut]", cut);
        Assert.Contains("call get_turn with raw=true", cut);
        Assert.DoesNotContain("    2999\n", cut);
        Assert.Contains("    2999\n", raw);
        Assert.DoesNotContain("bytes cut]", raw);
    }

    [Fact]
    public async Task Errors_AreToolErrorsThatSayWhatToDoNext()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("plain");
        await broker.RegisterAsync("gone", transcriptPath: "/nonexistent/folder/session.jsonl");
        await broker.RegisterAsync("claude-a", transcriptPath: Recorded("plain"));
        await using var bob = await McpConnection.HttpAsync(broker, "bob");

        var none = await bob.CallAsync("read_history", Args(("agent", "plain")));
        var missing = await bob.CallAsync("read_history", Args(("agent", "gone")));
        var unknown = await bob.CallAsync("search_history", Args(("agent", "nobody"), ("query", "x")));
        var noTurn = await bob.CallAsync("get_turn", Args(("agent", "claude-a"), ("index", 9)));
        var badRegex = await bob.CallAsync("search_history", Args(("agent", "claude-a"), ("query", "/(a)\\1/")));

        Assert.True(none.IsError);
        Assert.Contains("has no transcript registered", none.Text);
        Assert.Contains("ask it directly with send", none.Text);
        Assert.True(missing.IsError);
        Assert.Contains("/nonexistent/folder/session.jsonl does not exist", missing.Text);
        Assert.True(unknown.IsError);
        Assert.Contains("Call the agents tool", unknown.Text);
        Assert.True(noTurn.IsError);
        Assert.Contains("the transcript has turns 1 to 1", noTurn.Text);
        Assert.Contains("read_history shows turn numbers", noTurn.Text);
        Assert.True(badRegex.IsError);
        Assert.Contains("backreferences", badRegex.Text);
    }
}
