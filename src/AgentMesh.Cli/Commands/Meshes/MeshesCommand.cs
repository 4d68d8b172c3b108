using System.CommandLine;
using System.Globalization;
using AgentMesh.Cli.Hosting;
using AgentMesh.Protocol.Meshes;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Meshes;

/// <summary><c>mesh meshes</c> lists the broker's meshes; <c>mesh meshes create NAME</c> adds one.</summary>
internal sealed class MeshesCommand : DataCommand
{
    public MeshesCommand(CliContext context, GlobalOptions globals)
        : base("meshes", "List the meshes (separate namespaces of agents and messages); 'default' always exists.", context, globals)
    {
        Add(new MeshCreateCommand(context, globals));
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh meshes",
        "mesh meshes create team",
        "mesh --mesh team agents            # or MESH_MESH=team for every command",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var meshes = await client.ListMeshesAsync(cancellationToken);
        return Output(parseResult, new MeshList(meshes), Indented.MeshList, human =>
        {
            var table = new Table().AddColumn("mesh").AddColumn("created");
            foreach (var mesh in meshes)
            {
                table.AddRow(Markup.Escape(mesh.Name), mesh.CreatedAt.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture));
            }
            human.Write(table);
        });
    }
}
