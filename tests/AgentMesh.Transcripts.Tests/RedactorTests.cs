using System.Text;
using AgentMesh.Transcripts.Redaction;

namespace AgentMesh.Transcripts.Tests;

public sealed class RedactorTests
{
    [Fact]
    public void Cut_AtTheLimit_Untouched()
    {
        var text = new string('a', 4096);

        Assert.Same(text, new Redactor(4096, raw: false).Cut(text, out var cut));
        Assert.Equal(0, cut);
    }

    [Fact]
    public void Cut_OverTheLimit_KeepsTheHeadAndSaysHowMuchWasCut()
    {
        var shown = new Redactor(4096, raw: false).Cut(new string('a', 10_000), out var cut);

        Assert.Equal(10_000 - 4096, cut);
        Assert.Equal(new string('a', 4096) + "\n[… 5,904 of 10,000 bytes cut]", shown);
    }

    [Fact]
    public void Cut_MultiByteText_NeverSplitsACharacter()
    {
        var text = string.Concat(Enumerable.Repeat("é😀", 2000));

        var shown = new Redactor(4096, raw: false).Cut(text, out var cut);

        var head = shown[..shown.IndexOf("\n[…", StringComparison.Ordinal)];
        Assert.True(Encoding.UTF8.GetByteCount(head) <= 4096);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), Encoding.UTF8.GetByteCount(head) + cut);
        Assert.False(char.IsHighSurrogate(head[^1]));
    }

    [Fact]
    public void Raw_NothingCut()
    {
        var text = new string('a', 10_000);

        Assert.Same(text, Redactor.Raw.Cut(text, out var cut));
        Assert.Equal(0, cut);
    }
}
