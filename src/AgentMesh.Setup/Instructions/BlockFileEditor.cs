using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Instructions;

/// <summary>
/// Our block inside a file the user also writes (<c>CLAUDE.md</c>, <c>AGENTS.md</c>, <c>GEMINI.md</c>): replaced
/// in place when present, else appended after one blank line; removal takes the block and that blank line,
/// and a file left blank is deleted.
/// </summary>
internal sealed class BlockFileEditor(string path, string client) : IFileEditor
{
    public string Apply(string? text)
    {
        var newLine = MarkedBlock.NewLineOf(text);
        var block = InstructionsText.Block(client, newLine);
        if (string.IsNullOrEmpty(text))
        {
            return block;
        }
        if (MarkedBlock.Find(path, text) is { } existing)
        {
            return text[..existing.Start] + block + text[existing.End..];
        }
        var separator = (text.EndsWith('\n') ? "" : newLine) + (string.IsNullOrWhiteSpace(text) ? "" : newLine);
        return text + separator + block;
    }

    public string? Remove(string text)
    {
        if (MarkedBlock.Find(path, text) is not { } block)
        {
            return null;
        }
        var newLine = MarkedBlock.NewLineOf(text);
        var before = text[..block.Start];
        var after = text[block.End..];
        if (before.EndsWith(newLine + newLine, StringComparison.Ordinal))
        {
            before = before[..^newLine.Length];
        }
        else if (before.Length == 0 && after.StartsWith(newLine, StringComparison.Ordinal))
        {
            after = after[newLine.Length..];
        }
        return before + after;
    }

    public bool IsEmpty(string text) => string.IsNullOrWhiteSpace(text);
}
