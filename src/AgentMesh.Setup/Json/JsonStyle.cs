namespace AgentMesh.Setup.Json;

/// <summary>
/// The layout of an existing JSON file, so a rewrite looks like the original: indented or on one line, the
/// indent (spaces or a tab, and how many), LF or CRLF, and whether it ends with a newline. New files get
/// two spaces, LF and a final newline.
/// </summary>
internal sealed record JsonStyle(bool Indented, char IndentCharacter, int IndentSize, string NewLine, bool FinalNewLine)
{
    public static JsonStyle Default { get; } = new(true, ' ', 2, "\n", true);

    public static JsonStyle Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var finalNewLine = text.EndsWith('\n');
        if (!text.TrimEnd().Contains('\n'))
        {
            return new JsonStyle(false, ' ', 2, newLine, finalNewLine);
        }
        foreach (var line in text.Split('\n').Skip(1))
        {
            if (line.StartsWith('\t'))
            {
                return new JsonStyle(true, '\t', 1, newLine, finalNewLine);
            }
            var spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces > 0 && spaces < line.TrimEnd('\r').Length)
            {
                return new JsonStyle(true, ' ', Math.Min(spaces, 8), newLine, finalNewLine);
            }
        }
        return Default with { NewLine = newLine, FinalNewLine = finalNewLine };
    }
}
