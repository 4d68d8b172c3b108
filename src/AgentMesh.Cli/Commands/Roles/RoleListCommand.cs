using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Roles;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Roles;

/// <summary><c>mesh role list</c>.</summary>
internal sealed class RoleListCommand : DataCommand
{
    public RoleListCommand(CliContext context, GlobalOptions globals)
        : base("list", "List the mesh's roles with their members' status and held messages.", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh role list", "mesh role list --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var roles = await client.ListRolesAsync(cancellationToken);
        return Output(parseResult, new RoleList(roles), Indented.RoleList, human =>
        {
            if (roles.Count == 0)
            {
                human.WriteLine("No roles yet. Create one: mesh role create NAME --agents a,b");
                return;
            }
            human.Write(RoleView.CreateTable(roles));
        });
    }
}
