using System.Text;

namespace AgentMesh.Terminal.Text;

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ What may be typed into somebody's terminal                                                        │
// │                                                                                                   │
// │ Text from the mesh is typed into a program as if a person typed it, so every byte that a terminal │
// │ or a line discipline acts on is taken out:                                                        │
// │  • C0 controls except newline and tab: ESC starts escape sequences, CR is Enter (it would submit  │
// │    the prompt early: "\r/exit\r"), ^C/^D/^Z/^U/^W/^V signal, end or edit the input line;         │
// │  • DEL (erases a character) and the C1 controls U+0080–U+009F (U+009B is a one-character CSI);    │
// │  • the bracketed-paste markers "[200~" and "[201~" even without their ESC. Removing ESC from      │
// │    "\e[201~" leaves "[201~"; harmless to a terminal, but a paste wrapper (the PTY supervisor       │
// │    pastes bodies as bracketed pastes) or a program that rebuilds escape sequences from fragments  │
// │    must never see a terminator inside a body. Removal repeats until none is left, because        │
// │    removing one can join the pieces of another ("[20[201~1~").                                    │
// │ Lone UTF-16 surrogates become U+FFFD, so what is typed is always valid UTF-8. Everything else,   │
// │ including newlines, tabs and all printable Unicode, is kept as written.                           │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>Makes text safe to type into a terminal program.</summary>
public static class TerminalText
{
    private const string PasteStart = "[200~";
    private const string PasteEnd = "[201~";

    /// <summary>The text with every control character but newline and tab, and every paste marker, removed.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                kept.Append('\uFFFD');
            }
            else if (IsAllowed(c))
            {
                kept.Append(c);
            }
        }
        return RemovePasteMarkers(kept);
    }

    /// <summary>A control command line (<c>/compact</c>) as typed: sanitised, on one line.</summary>
    public static string CommandLine(string command) => Sanitize(command).Replace('\n', ' ').Replace('\t', ' ').Trim();

    /// <summary>Whether a single (non-surrogate) character may be typed.</summary>
    public static bool IsAllowed(char c) => c is '\n' or '\t' || !(c < '\u0020' || c is >= '\u007F' and <= '\u009F');

    private static string RemovePasteMarkers(StringBuilder text)
    {
        var result = text.ToString();
        while (true)
        {
            var shorter = result.Replace(PasteStart, "", StringComparison.Ordinal).Replace(PasteEnd, "", StringComparison.Ordinal);
            if (shorter.Length == result.Length)
            {
                return result;
            }
            result = shorter;
        }
    }
}
