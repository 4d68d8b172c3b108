using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands.Roles;

/// <summary><c>mesh role show NAME</c>.</summary>
internal sealed class RoleShowCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The role" };

    public RoleShowCommand(CliContext context, GlobalOptions globals)
        : base("show", "Show a role: members by priority with their status, fallback, held messages.", context, globals)
    {
        Add(_name);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh role show reviewer", "mesh role show reviewer --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var role = await client.GetRoleAsync(parseResult.GetRequiredValue(_name), cancellationToken);
        return Output(parseResult, role, Indented.RoleInfo, human => RoleView.WriteFull(human, role));
    }
}
