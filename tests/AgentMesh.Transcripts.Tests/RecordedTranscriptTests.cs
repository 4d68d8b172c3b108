using System.Text.Json;
using AgentMesh.Transcripts.Rendering;
using AgentMesh.Transcripts.Search;
using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts.Tests;

/// <summary>
/// Golden tests on transcripts recorded from the real claude CLI 2.1.330 (Recorded/, made by
/// ClaudeTranscriptTests in the end-to-end tests with MESH_RECORD_TRANSCRIPTS=1): turn grouping, redaction
/// and rendering. MESH_UPDATE_GOLDEN=1 rewrites Golden/.
/// </summary>
public sealed class RecordedTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Recordings => ["plain", "tool", "resumed", "big"];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Recorded_AllTurns_RenderAsTheGolden(string name)
    {
        var page = await TranscriptReader.ReadLastAsync(TestFiles.Recorded(name), 100, TranscriptReadOptions.Default, Ct);

        TestFiles.AssertGolden(name + ".txt", TranscriptText.Turns(page.Turns));
        TestFiles.AssertGolden(name + ".json", JsonSerializer.Serialize(page with { Path = name + ".jsonl" }, TranscriptJsonContext.Readable.TranscriptPage) + "\n");
        Assert.Equal(0, page.SkippedLines);
    }

    [Fact]
    public async Task Resumed_ThreePromptsOverThreeRuns_ThreeTurnsWithTheToolResultInTheTurnThatCalledIt()
    {
        var page = await TranscriptReader.ReadLastAsync(TestFiles.Recorded("resumed"), 10, TranscriptReadOptions.Default, Ct);

        Assert.Equal(3, page.TotalTurns);
        Assert.Equal(["What is this project about?", "TOOL-ECHO: run the greeting again", "Thanks, that is all."], page.Turns.Select(t => t.Prompt));
        var second = page.Turns[1];
        Assert.Equal([TranscriptItemKind.ToolUse, TranscriptItemKind.ToolResult, TranscriptItemKind.Text], second.Items.Select(i => i.Kind));
        Assert.Equal("Bash", second.Items[1].Tool);
        Assert.Equal("hello-from-tool", second.Items[1].Text.Trim());
    }

    [Fact]
    public async Task Big_ToolResultAndFileContentsOver4KiB_CutSayingHowMuch()
    {
        var page = await TranscriptReader.ReadLastAsync(TestFiles.Recorded("big"), 10, TranscriptReadOptions.Default, Ct);

        var sequence = page.Turns[0].Items.Single(i => i.Kind == TranscriptItemKind.ToolResult);
        Assert.True(sequence.CutBytes > 0);
        Assert.Contains($"[… {sequence.CutBytes:N0} of", sequence.Text);
        Assert.DoesNotContain("\n3000", sequence.Text);
        var write = page.Turns[1].Items.Single(i => i.Kind == TranscriptItemKind.ToolUse);
        Assert.Equal("Write", write.Tool);
        Assert.True(write.CutBytes > 0);
        var read = page.Turns[2].Items.Single(i => i.Kind == TranscriptItemKind.ToolResult);
        Assert.Equal("Read", read.Tool);
        Assert.True(read.CutBytes > 0);
        Assert.All(page.Turns.SelectMany(t => t.Items).Where(i => i.Kind == TranscriptItemKind.ToolResult), i => Assert.True(System.Text.Encoding.UTF8.GetByteCount(i.Text) < 4096 + 100));
    }

    [Fact]
    public async Task Big_Raw_NothingCut()
    {
        var page = await TranscriptReader.ReadLastAsync(TestFiles.Recorded("big"), 10, TranscriptReadOptions.Default with { Raw = true }, Ct);

        Assert.Equal(0, page.CutBytes);
        Assert.Contains("\n3000", page.Turns[0].Items.Single(i => i.Kind == TranscriptItemKind.ToolResult).Text);
    }

    [Fact]
    public async Task Search_TextInAToolResult_FindsTheTurnWithTheMatchMarked()
    {
        var result = await TranscriptSearch.SearchAsync(TestFiles.Recorded("resumed"), TranscriptQuery.Parse("HELLO-FROM"), 10, Ct);

        var hit = Assert.Single(result.Hits);
        Assert.Equal(2, hit.Index);
        Assert.Equal(3, result.TotalTurns);
        Assert.Contains(hit.Matches, m => m.Where == TranscriptItemKind.ToolResult && m.Tool == "Bash" && TranscriptText.Marked(m) == "«hello-from»-tool");
        Assert.Contains(hit.Matches, m => m.Where == TranscriptItemKind.ToolUse && TranscriptText.Marked(m).Contains("echo «hello-from»-tool", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_Regex_MatchesAcrossTurnsAndRendersAsTheGolden()
    {
        var result = await TranscriptSearch.SearchAsync(TestFiles.Recorded("big"), TranscriptQuery.Parse("/(?m)^2999$|every line of this/"), 10, Ct);

        Assert.True(result.Regex);
        Assert.Equal([1, 2, 3], result.Hits.Select(h => h.Index));
        TestFiles.AssertGolden("big-search.txt", string.Join("\n", result.Hits.Select(TranscriptText.Hit)));
    }

    [Fact]
    public async Task Search_TextBeyondTheRedactionLimit_StillFound()
    {
        var result = await TranscriptSearch.SearchAsync(TestFiles.Recorded("big"), TranscriptQuery.Parse("2999"), 10, Ct);

        Assert.Equal(1, Assert.Single(result.Hits).Index);
    }
}
