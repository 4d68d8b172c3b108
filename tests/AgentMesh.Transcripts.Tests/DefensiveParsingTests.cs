using AgentMesh.Testing;
using AgentMesh.Transcripts.Turns;
using static AgentMesh.Transcripts.Tests.TestFiles;

namespace AgentMesh.Transcripts.Tests;

/// <summary>The line format is internal to Claude Code: whatever a line holds, reading goes on.</summary>
public sealed class DefensiveParsingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TranscriptPage> ReadAsync(string path, TranscriptReadOptions? options = null) =>
        TranscriptReader.ReadLastAsync(path, 100, options ?? TranscriptReadOptions.Default, Ct);

    [Fact]
    public async Task EmptyFile_NoTurns()
    {
        using var folder = new TempDirectory();

        var page = await ReadAsync(Write(folder, []));

        Assert.Empty(page.Turns);
        Assert.Equal(0, page.TotalTurns);
        Assert.Equal(0, page.SkippedLines);
    }

    [Fact]
    public async Task GarbageLines_SkippedAndCounted_TurnsIntact()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, [User("one"), "not json at all", "{\"type\":", "\u0000\u0001binary", Assistant("answer"), "   ", "[1,2,3]", "42", User("two")]);

        var page = await ReadAsync(path);

        Assert.Equal(["one", "two"], page.Turns.Select(t => t.Prompt));
        Assert.Equal("answer", Assert.Single(page.Turns[0].Items).Text);
        Assert.Equal(3, page.SkippedLines);
    }

    [Fact]
    public async Task UnknownTypesAndBlocks_Ignored()
    {
        using var folder = new TempDirectory();
        var path = Write(folder,
        [
            """{"type":"hologram","message":{"content":"should not show"}}""",
            User("question"),
            """{"type":"assistant","message":{"content":[{"type":"quantum_block","text":"no"},{"type":"text","text":"yes"}]}}""",
            """{"type":"attachment","attachment":{"type":"hook_additional_context","content":["x"]}}""",
            """{"type":"file-history-snapshot","snapshot":{}}""",
        ]);

        var page = await ReadAsync(path);

        var turn = Assert.Single(page.Turns);
        Assert.Equal("yes", Assert.Single(turn.Items).Text);
        Assert.Equal(0, page.SkippedLines);
    }

    [Fact]
    public async Task MissingAndMistypedFields_Skipped()
    {
        using var folder = new TempDirectory();
        var path = Write(folder,
        [
            """{"type":"user"}""",
            """{"type":"user","message":"a string"}""",
            """{"type":"user","message":{"content":42}}""",
            """{"type":7,"message":{"content":"typed as a number"}}""",
            """{"message":{"content":"no type"}}""",
            User("real prompt"),
            """{"type":"assistant"}""",
            """{"type":"assistant","message":{"content":[{"type":"tool_use","input":{}}]}}""",
            """{"type":"assistant","message":{"content":[{"type":"text"},{"type":"text","text":null},42,"str"]}}""",
            """{"type":"user","message":{"content":[{"type":"tool_result"}]}}""",
            """{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash"}]}}""",
            """{"type":"user","timestamp":"not a date","message":{"content":"second"}}""",
        ]);

        var page = await ReadAsync(path);

        Assert.Equal(["real prompt", "second"], page.Turns.Select(t => t.Prompt));
        Assert.Null(page.Turns[1].StartedAt);
        Assert.Equal([TranscriptItemKind.ToolResult, TranscriptItemKind.ToolUse], page.Turns[0].Items.Select(i => i.Kind));
        Assert.Equal("{}", page.Turns[0].Items[1].Text);
    }

    [Fact]
    public async Task TruncatedLastLine_FileBeingWritten_Skipped()
    {
        using var folder = new TempDirectory();
        var complete = Assistant("the whole answer");
        var path = Write(folder, [User("question"), complete, Assistant("half an ans")[..20]], unterminatedLast: true);

        var page = await ReadAsync(path);

        Assert.Equal("the whole answer", Assert.Single(Assert.Single(page.Turns).Items).Text);
        Assert.Equal(1, page.SkippedLines);
    }

    [Fact]
    public async Task CompleteLastLineWithoutNewline_Read()
    {
        using var folder = new TempDirectory();

        var page = await ReadAsync(Write(folder, [User("question"), Assistant("last")], unterminatedLast: true));

        Assert.Equal("last", Assert.Single(Assert.Single(page.Turns).Items).Text);
    }

    [Fact]
    public async Task CrLfLineEndings_Read()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "crlf.jsonl");
        await File.WriteAllTextAsync(path, User("one") + "\r\n" + Assistant("two") + "\r\n", Ct);

        var page = await ReadAsync(path);

        Assert.Equal("two", Assert.Single(Assert.Single(page.Turns).Items).Text);
        Assert.Equal(0, page.SkippedLines);
    }

    [Fact]
    public async Task LineOverTheLengthLimit_SkippedWithoutHoldingIt()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, [User("one"), Assistant(new string('x', 300_000)), Assistant("after")]);

        var page = await ReadAsync(path, TranscriptReadOptions.Default with { MaxLineBytes = 100_000 });

        Assert.Equal("after", Assert.Single(Assert.Single(page.Turns).Items).Text);
        Assert.Equal(1, page.SkippedLines);
    }

    [Fact]
    public async Task ToolResults_BelongToTheTurnThatCalledTheTool_NamedAfterTheCall()
    {
        using var folder = new TempDirectory();
        var path = Write(folder,
        [
            User("list files"),
            ToolUse("t1", "Bash", new { command = "ls" }),
            ToolResult("t1", "a.txt\nb.txt"),
            ToolUse("t2", "Read", new { file_path = "/x" }),
            ToolResult("t2", "no such file", isError: true),
            Assistant("done"),
            User("next"),
        ]);

        var page = await ReadAsync(path);

        Assert.Equal(2, page.TotalTurns);
        var items = page.Turns[0].Items;
        Assert.Equal(["Bash", "Bash", "Read", "Read", null], items.Select(i => i.Tool));
        Assert.True(items[3].IsError);
        Assert.Empty(page.Turns[1].Items);
    }

    [Fact]
    public async Task MetaSidechainAndNotes_NotNewTurns()
    {
        using var folder = new TempDirectory();
        var path = Write(folder,
        [
            """{"type":"assistant","message":{"content":[{"type":"text","text":"before any prompt"}]}}""",
            User("first"),
            """{"type":"user","isMeta":true,"message":{"content":"Caveat: injected for the model"}}""",
            """{"type":"user","isSidechain":true,"message":{"content":"a subagent's prompt"}}""",
            """{"type":"user","message":{"content":[{"type":"text","text":"[Request interrupted by user]"}]}}""",
            """{"type":"user","message":{"content":"<command-name>/compact</command-name>\n<command-message>compact</command-message>\n<command-args>keep the API notes</command-args>"}}""",
            """{"type":"system","subtype":"compact_boundary"}""",
            """{"type":"user","isCompactSummary":true,"message":{"content":"This session is being continued…"}}""",
            """{"type":"user","message":{"content":"<local-command-stdout>Compacted</local-command-stdout>"}}""",
            """{"type":"system","subtype":"turn_duration","durationMs":5}""",
        ]);

        var page = await ReadAsync(path);

        Assert.Equal([0, 1, 2], page.Turns.Select(t => t.Index));
        Assert.Null(page.Turns[0].Prompt);
        Assert.Equal("[Request interrupted by user]", Assert.Single(page.Turns[1].Items).Text);
        Assert.Equal("/compact keep the API notes", page.Turns[2].Prompt);
        Assert.Equal(3, page.Turns[2].Items.Count);
        Assert.All(page.Turns[2].Items, i => Assert.Equal(TranscriptItemKind.System, i.Kind));
    }

    [Fact]
    public async Task ReadLast_ManyTurns_KeepsOnlyTheLastWithTheirNumbersFromTheStart()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, Enumerable.Range(1, 5000).SelectMany(i => new[] { User($"prompt {i}"), Assistant($"answer {i}") }));

        var page = await TranscriptReader.ReadLastAsync(path, 3, TranscriptReadOptions.Default, Ct);

        Assert.Equal([4998, 4999, 5000], page.Turns.Select(t => t.Index));
        Assert.Equal("prompt 4998", page.Turns[0].Prompt);
        Assert.Equal(5000, page.TotalTurns);
    }

    [Fact]
    public async Task ReadTurn_Existing_ThatTurn_Missing_SaysWhichExist()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, [User("one"), Assistant("a"), User("two"), Assistant("b")]);

        var turn = await TranscriptReader.ReadTurnAsync(path, 2, TranscriptReadOptions.Default, Ct);
        var missing = await Assert.ThrowsAsync<Protocol.Errors.MeshException>(() => TranscriptReader.ReadTurnAsync(path, 7, TranscriptReadOptions.Default, Ct));

        Assert.Equal("b", Assert.Single(turn.Items).Text);
        Assert.Equal(Protocol.Errors.MeshErrorCode.NotFound, missing.Code);
        Assert.Contains("turns 1 to 2", missing.Message);
    }
}
