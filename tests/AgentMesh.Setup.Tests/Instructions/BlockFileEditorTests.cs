using AgentMesh.Setup.Instructions;

namespace AgentMesh.Setup.Tests.Instructions;

/// <summary>Our marked block in a file the user also writes: appended, updated in place, removed exactly.</summary>
public sealed class BlockFileEditorTests
{
    private static readonly BlockFileEditor _editor = new("/p/AGENTS.md", "codex");
    private static readonly string _block = InstructionsText.Block("codex", "\n");

    [Fact]
    public void Apply_NoFile_FileIsTheBlock()
    {
        Assert.Equal(_block, _editor.Apply(null));
        Assert.StartsWith("<!-- mesh:begin (written by `mesh setup codex`;", _block);
        Assert.EndsWith("<!-- mesh:end -->\n", _block);
    }

    [Fact]
    public void Apply_ExistingText_AppendedAfterOneBlankLineAndRemovedExactly()
    {
        const string Before = "# Rules\n\nBe kind.\n";

        var after = _editor.Apply(Before);

        Assert.Equal(Before + "\n" + _block, after);
        Assert.Equal(Before, _editor.Remove(after));
    }

    [Fact]
    public void Apply_NoFinalNewline_LineClosedBeforeBlock()
    {
        var after = _editor.Apply("Be kind.");

        Assert.Equal("Be kind.\n\n" + _block, after);
        Assert.Equal("Be kind.\n", _editor.Remove(after)); // the closing newline stays: we cannot tell it was not the user's
    }

    [Fact]
    public void Apply_OldBlockInTheMiddle_ReplacedInPlace()
    {
        const string Before = "top\n\n<!-- mesh:begin old -->\nold text\n<!-- mesh:end -->\n\nbottom\n";

        var after = _editor.Apply(Before);

        Assert.Equal("top\n\n" + _block + "\nbottom\n", after);
        Assert.Equal("top\n\nbottom\n", _editor.Remove(after));
    }

    [Fact]
    public void Apply_CrLfFile_BlockUsesCrLf()
    {
        var after = _editor.Apply("a\r\n");

        Assert.Equal("a\r\n\r\n" + InstructionsText.Block("codex", "\r\n"), after);
        Assert.DoesNotContain("\n", after.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Equal("a\r\n", _editor.Remove(after));
    }

    [Fact]
    public void Remove_BlockAtTop_TakesBlankLineBelow()
    {
        Assert.Equal("after\n", _editor.Remove(_block + "\nafter\n"));
    }

    [Fact]
    public void Remove_NoBlock_ReturnsNull()
    {
        Assert.Null(_editor.Remove("nothing of ours\n"));
    }

    [Fact]
    public void Apply_IndentedMarkers_StillRecognised()
    {
        Assert.Equal("x\n", _editor.Remove("x\n\n  <!-- mesh:begin -->\n  text\n  <!-- mesh:end -->  \n"));
    }

    [Fact]
    public void Remove_LookalikeComment_NotTakenForAMarker()
    {
        Assert.Null(_editor.Remove("<!-- mesh:beginner notes -->\ntext\n"));
    }
}
