using AgentMesh.Terminal.Text;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Terminal.Tests.Text;

/// <summary>
/// The sanitiser against random text, drawn both from all of UTF-16 and from hostile pieces (ESC, whole and
/// broken paste markers, CSI, CR, DEL, C1 controls, half surrogate pairs) so that markers, and markers that
/// only appear once something between their pieces is removed, turn up often.
/// </summary>
public sealed class TerminalTextPropertyTests
{
    private static readonly string[] Hostile =
    [
        "\u001b", "[", "2", "0", "1", "~", "[20", "[201~", "[200~", "\u001b[201~", "\u001b[200~", "01~", "0~", "1~",
        "\r", "\n", "\t", "\u007f", "\u009b", "\u0003", "\u0004", "\u0015", "a", " ", ";", "\ud83d", "\ude00", "😀",
    ];

    private static Arbitrary<string> Texts() => Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.Elements(Hostile).ArrayOf().Select(pieces => string.Concat(pieces)))
        .ToArbitrary();

    private static void Check(Func<string, bool> property) =>
        Prop.ForAll(Texts(), property).QuickCheckThrowOnFailure();

    [Fact]
    public void Sanitize_AnyText_LeavesNoControlCharacterButNewlineAndTab() =>
        Check(text => TerminalText.Sanitize(text).All(c => c is '\n' or '\t' || !(char.IsControl(c))));

    [Fact]
    public void Sanitize_AnyText_LeavesNoPasteMarker() =>
        Check(text => TerminalText.Sanitize(text) is var clean && !clean.Contains("[200~", StringComparison.Ordinal) && !clean.Contains("[201~", StringComparison.Ordinal));

    [Fact]
    public void Sanitize_AnyText_IsIdempotent() =>
        Check(text => TerminalText.Sanitize(TerminalText.Sanitize(text)) == TerminalText.Sanitize(text));

    [Fact]
    public void Sanitize_AnyText_IsValidUtf16() =>
        Check(text => !HasLoneSurrogate(TerminalText.Sanitize(text)));

    [Fact]
    public void Sanitize_AnyText_OnlyRemovesOrReplacesCharacters() =>
        Check(text => IsSubsequenceWithReplacements(TerminalText.Sanitize(text), text));

    [Fact]
    public void Sanitize_PrintableTextWithoutMarkers_IsUnchanged()
    {
        var printable = Gen.Elements([.. "abcXYZ 019;:'\"\\/~[]{}<>|&$`!?·üé漢\n\t"]).ArrayOf().Select(chars => new string(chars)).ToArbitrary();
        Prop.ForAll(printable, text => TerminalText.Sanitize(text) == text).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("\u001b[201~", "")]
    [InlineData("a\u001b[200~b\u001b[201~c", "abc")]
    [InlineData("[20[201~1~", "")]
    [InlineData("\r/exit\r", "/exit")]
    [InlineData("x\u0003\u0004\u001a\u0015\u0017\u0016y", "xy")]
    [InlineData("\u009b31mred", "31mred")]
    [InlineData("line1\r\nline2", "line1\nline2")]
    [InlineData("tab\there", "tab\there")]
    [InlineData("\u001b]0;title\u0007", "]0;title")]
    public void Sanitize_KnownHostileText_BecomesHarmless(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Sanitize(text));

    [Fact]
    public void Sanitize_LoneSurrogate_BecomesReplacementCharacter() =>
        Assert.Equal("a\uFFFDb😀", TerminalText.Sanitize("a\ud800b😀"));

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every char of <paramref name="clean"/> is, in order, a char of <paramref name="original"/> or a U+FFFD standing for a lone surrogate.</summary>
    private static bool IsSubsequenceWithReplacements(string clean, string original)
    {
        var j = 0;
        foreach (var c in clean)
        {
            while (j < original.Length && !(original[j] == c || (c == '\uFFFD' && char.IsSurrogate(original[j]))))
            {
                j++;
            }
            if (j == original.Length)
            {
                return false;
            }
            j++;
        }
        return true;
    }
}
