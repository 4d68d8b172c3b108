using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Meshes;

/// <summary><c>mesh meshes create NAME</c>: idempotent, like the route behind it.</summary>
internal sealed class MeshCreateCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The new mesh's name: 1-63 lowercase letters, digits, ., _ or -" };

    public MeshCreateCommand(CliContext context, GlobalOptions globals)
        : base("create", "Create a mesh (nothing happens if it exists). Work in it with --mesh NAME or MESH_MESH=NAME.", context, globals)
    {
        Add(_name);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh meshes create team", "mesh meshes create team --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var mesh = await client.CreateMeshAsync(parseResult.GetRequiredValue(_name), cancellationToken);
        return Output(parseResult, mesh, Indented.MeshInfo, human =>
            human.WriteLine($"Mesh {mesh.Name} is ready. Work in it with: mesh --mesh {mesh.Name} register NAME (or MESH_MESH={mesh.Name})."));
    }
}
