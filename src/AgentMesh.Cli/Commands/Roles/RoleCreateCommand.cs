using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Parsing;
using AgentMesh.Protocol.Roles;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Roles;

/// <summary><c>mesh role create NAME --agents a,b [--priority a,b] [--fallback queue|reject]</c>.</summary>
internal sealed class RoleCreateCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The role's name; send to it as role:NAME" };
    private readonly Option<string[]> _agents = CliOptions.List("--agents", "The agents that fill the role (names or ids)", "a,b");
    private readonly Option<string[]> _priority = CliOptions.List("--priority", "First choice first; agents left out follow in --agents order", "a,b");
    private readonly Option<string> _fallback = new("--fallback")
    {
        Description = "With nobody online: queue (hold for the first member to come online) or reject (refuse the send)",
        DefaultValueFactory = _ => RoleFallback.Queue,
        HelpName = "queue|reject",
    };
    private readonly Option<string[]> _capabilities = CliOptions.List("--capabilities", "What the role can do, for people and agents choosing it", "c1,c2");

    public RoleCreateCommand(CliContext context, GlobalOptions globals)
        : base("create", "Create a role, or replace it (held messages stay held).", context, globals)
    {
        _fallback.AcceptOnlyFromAmong([.. RoleFallback.All]);
        Add(_name);
        Add(_agents);
        Add(_priority);
        Add(_fallback);
        Add(_capabilities);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh role create reviewer --agents alice,bob --priority bob,alice --fallback queue",
        "mesh role create oncall --agents api,db --fallback reject --capabilities deploy,rollback",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var role = await client.SaveRoleAsync(parseResult.GetRequiredValue(_name), new SaveRoleRequest
        {
            Agents = parseResult.GetValue(_agents),
            Priority = parseResult.GetValue(_priority),
            Fallback = parseResult.GetValue(_fallback),
            Capabilities = parseResult.GetValue(_capabilities),
        }, cancellationToken);
        return Output(parseResult, role, Indented.RoleInfo, human => human.WriteLine($"Role {role.Name}: {string.Join(" > ", role.Agents.Select(a => a.Name))} (fallback {role.Fallback}). Send to it with: mesh send role:{role.Name} \"…\""));
    }
}
