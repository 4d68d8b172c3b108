using System.Text.RegularExpressions;

namespace AgentMesh.Terminal.Text;

/// <summary>
/// How a message is typed into a terminal agent: one header naming the sender and how to answer, then the
/// body on the same line, <c>[mesh from bob · reply: mesh send bob …] review the API change</c>. The header
/// frames the text as a message from a named peer, never as an instruction from the system or the user.
/// A room message names its room and is answered there:
/// <c>[mesh from bob in room:design · reply: mesh send room:design …] …</c>.
/// Everything is sanitised (<see cref="TerminalText"/>). A body cannot forge a second header from someone
/// else: any <c>[mesh from</c> inside it is typed as <c>(mesh from</c>.
/// </summary>
public static partial class TerminalFraming
{
    public const string HeaderStart = "[mesh from ";

    [GeneratedRegex(@"\[(?=\s*mesh\s+(?:note\s+)?from\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForgedHeader();

    /// <summary>Starts the header of a note (information that asks for no action): <c>[mesh note from bob · …]</c>.</summary>
    public const string NoteHeaderStart = "[mesh note from ";

    /// <summary>The header alone: <c>[mesh from bob · reply: mesh send bob …]</c>, or with the room it was posted in.</summary>
    public static string Header(string sender, string? room = null, bool note = false)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var name = OneLine(sender);
        var start = note ? NoteHeaderStart : HeaderStart;
        return room is { Length: > 0 }
            ? $"{start}{name} in room:{OneLine(room)} · reply: mesh send room:{OneLine(room)} …]"
            : $"{start}{name} · reply: mesh send {name} …]";
    }

    /// <summary>The text to type for a message from <paramref name="sender"/> (posted in <paramref name="room"/>, if any).</summary>
    public static string Frame(string sender, string body, string? room = null, bool note = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Body(body);
        return text.Length == 0 ? Header(sender, room, note) : $"{Header(sender, room, note)} {text}";
    }

    /// <summary>A body as it may be typed after a header: sanitised, with any forged header defused.</summary>
    public static string Body(string body) => ForgedHeader().Replace(TerminalText.Sanitize(body), "(");

    /// <summary>A name as one line of plain text (names are already restricted by the broker; this is a second fence).</summary>
    private static string OneLine(string value) => TerminalText.Sanitize(value).Replace('\n', ' ').Replace('\t', ' ');
}
