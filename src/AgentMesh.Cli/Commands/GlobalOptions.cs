using System.CommandLine;
using AgentMesh.Client;

namespace AgentMesh.Cli.Commands;

/// <summary>Options every command sees, created once per root command (symbols must not be shared between roots).</summary>
internal sealed class GlobalOptions
{
    public Option<string> Mesh { get; } = new("--mesh")
    {
        Description = $"The mesh to work in (default: ${MeshClientOptions.MeshVariable}, else {MeshClientOptions.DefaultMesh})",
        Recursive = true,
        HelpName = "name",
    };
}
