using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Agents;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh agents</c>: who is in the mesh.</summary>
internal sealed class AgentsCommand : DataCommand
{
    private readonly Option<bool> _all = new("--all", "-a") { Description = "Include offline agents" };

    public AgentsCommand(CliContext context, GlobalOptions globals)
        : base("agents", "List the agents of the mesh: live ones, or all with --all.", context, globals)
    {
        Add(_all);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh agents", "mesh agents --all --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var agents = await client.ListAgentsAsync(parseResult.GetValue(_all), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(new AgentList(agents), Indented.AgentList);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        if (agents.Count == 0)
        {
            human.MarkupLine(parseResult.GetValue(_all)
                ? "No agents in this mesh yet. Register one with: mesh register NAME"
                : "No live agents. 'mesh agents --all' shows offline ones; 'mesh register NAME' adds one.");
            return ExitCodes.Ok;
        }
        human.Write(AgentTable.Create(agents, Context.Time.GetUtcNow()));
        return ExitCodes.Ok;
    }
}
