using AgentMesh.Setup.Instructions;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Clients;

/// <summary>A coding agent setup knows: its name on the command line, its configuration format, and where its files are.</summary>
/// <param name="Name">The name on the command line, e.g. <c>claude-code</c>.</param>
/// <param name="DisplayName">The product's own name, for messages.</param>
/// <param name="Format">How its configuration stores MCP servers.</param>
/// <param name="Locate">The files for a scope, or null when the client has no configuration in that scope.</param>
/// <param name="Unsupported">Why a scope is unsupported, said to the user, for scopes where <paramref name="Locate"/> gives null.</param>
internal sealed record SetupClient(
    string Name,
    string DisplayName,
    IServerConfigFormat Format,
    Func<SetupEnvironment, SetupScope, ClientFiles?> Locate,
    Func<SetupScope, string>? Unsupported = null)
{
    public IReadOnlyList<SetupScope> Scopes { get; init; } = [SetupScope.User, SetupScope.Project];

    public IFileEditor InstructionsEditor(InstructionsFile file) =>
        file.FrontMatter is { } frontMatter ? new DedicatedFileEditor(file.Path, Name, frontMatter) : new BlockFileEditor(file.Path, Name);
}
