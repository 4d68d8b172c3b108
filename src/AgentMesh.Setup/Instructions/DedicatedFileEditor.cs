using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Instructions;

/// <summary>
/// A file that is ours alone (<c>.cursor/rules/mesh.mdc</c>, <c>.kiro/steering/mesh.md</c>, VS Code's
/// <c>mesh.instructions.md</c>): front matter the client needs, then our marked block. Written whole and deleted
/// on removal. A file of that name without our markers belongs to someone else and is refused, not overwritten.
/// </summary>
internal sealed class DedicatedFileEditor(string path, string client, string frontMatter) : IFileEditor
{
    public string Apply(string? text)
    {
        if (text is not null && !IsOurs(text))
        {
            throw SetupErrors.Unsupported(path, null,
                "exists and was not written by mesh setup; rename or delete it, then run mesh setup again");
        }
        var newLine = MarkedBlock.NewLineOf(text);
        return frontMatter.ReplaceLineEndings(newLine) + newLine + InstructionsText.Block(client, newLine);
    }

    public string? Remove(string text) => IsOurs(text) ? "" : null;

    public bool IsEmpty(string text) => string.IsNullOrWhiteSpace(text);

    private bool IsOurs(string text) => MarkedBlock.Find(path, text) is not null;
}
