using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// Transcripts written by the real <c>claude</c> CLI, read back through <c>mesh transcript</c>. With
/// <c>MESH_RECORD_TRANSCRIPTS=1</c> each recording is also scrubbed and saved as the test data of
/// tests/AgentMesh.Transcripts.Tests/Recorded (whose golden tests then need <c>MESH_UPDATE_GOLDEN=1</c>).
/// </summary>
public sealed class ClaudeTranscriptTests
{
    private const string BigFileLine = "The mesh carries tasks between agents; every line of this file is the same. ";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Scenarios => ["plain", "tool", "resumed", "big"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RealClaudeSession_ReadWithMeshTranscript_OneTurnPerPromptWithItsToolCalls(string scenario)
    {
        var claude = ClaudeCli.Find();
        Assert.SkipWhen(claude is null, "the claude CLI is not installed here; .ci/run installs it (or set MESH_TEST_CLAUDE)");
        using var home = new TempDirectory();
        await using var model = await MockAnthropicServer.StartAsync(Calls(home.Path));

        var path = await TranscriptRecorder.RecordAsync(claude!, home.Path, model.Url, Prompts(scenario), Ct);

        if (Environment.GetEnvironmentVariable("MESH_RECORD_TRANSCRIPTS") == "1")
        {
            var target = Path.Combine(RepositoryRoot.Path, "tests", "AgentMesh.Transcripts.Tests", "Recorded", scenario + ".jsonl");
            await File.WriteAllTextAsync(target, TranscriptRecorder.Scrub(await File.ReadAllTextAsync(path, Ct), home.Path), Ct);
        }
        await using var broker = await TestBroker.StartAsync();
        Assert.Equal(0, (await MeshAsync(broker.Root, "register", "claude-a", "--cwd", home.Path, "--transcript", path)).ExitCode);
        var read = await MeshAsync(broker.Root, "transcript", "claude-a", "-n", "10", "--json");
        Assert.True(read.ExitCode == 0, read.Stderr);
        using var page = JsonDocument.Parse(read.Stdout);
        var turns = page.RootElement.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(Prompts(scenario), turns.Select(t => t.GetProperty("prompt").GetString()));
        Assert.Equal(Prompts(scenario).Length, page.RootElement.GetProperty("total_turns").GetInt32());
        Assert.All(turns, t => Assert.NotEmpty(t.GetProperty("items").EnumerateArray()));
        var calls = turns.SelectMany(t => t.GetProperty("items").EnumerateArray()).Count(i => i.GetProperty("kind").GetString() == "tool_use");
        var results = turns.SelectMany(t => t.GetProperty("items").EnumerateArray()).Count(i => i.GetProperty("kind").GetString() == "tool_result");
        Assert.Equal(Prompts(scenario).Count(p => p.StartsWith("TOOL-", StringComparison.Ordinal)), calls);
        Assert.Equal(calls, results);
    }

    /// <summary>The real <c>mesh</c> CLI as a process, against the test broker's home.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> MeshAsync(string meshHome, params string[] arguments)
    {
        var info = new ProcessStartInfo(MeshExecutable.DotnetHost());
        info.ArgumentList.Add(MeshExecutable.MeshDll());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["MESH_HOME"] = meshHome;
        info.Environment["MESH_NO_AUTOSTART"] = "1";
        info.Environment["NO_COLOR"] = "1";
        return await ChildProcess.RunAsync(info, stdin: null, TimeSpan.FromSeconds(60), Ct);
    }

    private static string[] Prompts(string scenario) => scenario switch
    {
        "plain" => ["Say hello to the mesh."],
        "tool" => ["TOOL-ECHO: print a greeting with bash"],
        "resumed" => ["What is this project about?", "TOOL-ECHO: run the greeting again", "Thanks, that is all."],
        "big" => ["TOOL-SEQ: count to 3000", "TOOL-WRITE: write the notes file", "TOOL-READ: read the notes back"],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    private static MockToolCall[] Calls(string home) =>
    [
        new("TOOL-ECHO", "Bash", new JsonObject { ["command"] = "echo hello-from-tool", ["description"] = "Print a greeting" }),
        new("TOOL-SEQ", "Bash", new JsonObject { ["command"] = "seq 1 3000", ["description"] = "Count to 3000" }),
        new("TOOL-WRITE", "Write", new JsonObject
        {
            ["file_path"] = Path.Combine(home, "notes.txt"),
            ["content"] = string.Concat(Enumerable.Repeat(BigFileLine + "\n", 80)),
        }),
        new("TOOL-READ", "Read", new JsonObject { ["file_path"] = Path.Combine(home, "notes.txt") }),
    ];
}
