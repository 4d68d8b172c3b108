namespace AgentMesh.Setup.Instructions;

/// <summary>Where the marked block sits in a text: from the start of its begin line to the end of its end line.</summary>
internal readonly record struct MarkedBlock(int Start, int End)
{
    /// <summary>The block in <paramref name="text"/>, or null when there is none.</summary>
    /// <exception cref="Protocol.Errors.MeshException">Markers that do not pair up: two begins, or a begin without an end.</exception>
    public static MarkedBlock? Find(string path, string text)
    {
        int? begin = null;
        int? beginLine = null;
        MarkedBlock? found = null;
        var lineNumber = 0;
        for (var position = 0; position < text.Length;)
        {
            lineNumber++;
            var next = text.IndexOf('\n', position);
            var end = next < 0 ? text.Length : next + 1;
            var line = text[position..end].Trim();
            if (IsBeginMarker(line))
            {
                if (begin is not null || found is not null)
                {
                    throw SetupErrors.Unsupported(path, lineNumber,
                        "has a second mesh block; delete all but one (each runs from '<!-- mesh:begin' to '<!-- mesh:end -->'), then run mesh setup again");
                }
                begin = position;
                beginLine = lineNumber;
            }
            else if (line == InstructionsText.EndMarker)
            {
                if (begin is null)
                {
                    throw SetupErrors.Unsupported(path, lineNumber, "has '<!-- mesh:end -->' without '<!-- mesh:begin' before it; delete the stray marker, then run mesh setup again");
                }
                found = new MarkedBlock(begin.Value, end);
                begin = null;
            }
            position = end;
        }
        if (begin is not null)
        {
            throw SetupErrors.Unsupported(path, beginLine,
                "has '<!-- mesh:begin' without '<!-- mesh:end -->' after it; delete the unfinished block, then run mesh setup again");
        }
        return found;
    }

    /// <summary><c>&lt;!-- mesh:begin --&gt;</c> or <c>&lt;!-- mesh:begin (anything) --&gt;</c>, but not <c>&lt;!-- mesh:beginner --&gt;</c>.</summary>
    private static bool IsBeginMarker(string line) =>
        line.StartsWith(InstructionsText.BeginMarker, StringComparison.Ordinal)
        && line.EndsWith("-->", StringComparison.Ordinal)
        && line.Length > InstructionsText.BeginMarker.Length
        && line[InstructionsText.BeginMarker.Length] is ' ' or '-';

    public static string NewLineOf(string? text) => text?.Contains("\r\n", StringComparison.Ordinal) == true ? "\r\n" : "\n";
}
