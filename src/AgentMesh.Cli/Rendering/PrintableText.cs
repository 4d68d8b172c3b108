namespace AgentMesh.Cli.Rendering;

/// <summary>
/// Agent-written text made safe to print: control characters (ESC above all) become '·', so a message body
/// cannot move the cursor, clear the screen or retitle the terminal of whoever reads it. Newlines and tabs
/// survive where the text is shown in full.
/// </summary>
internal static class PrintableText
{
    public static string Line(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? '·' : c)) : text;

    public static string Block(string text) =>
        text.Any(IsUnsafe) ? string.Concat(text.Select(c => IsUnsafe(c) ? '·' : c)) : text;

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not '\n' and not '\t';
}
