using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands.Policy;

/// <summary><c>mesh policy show AGENT</c>: the control commands the agent accepts.</summary>
internal sealed class PolicyShowCommand : DataCommand
{
    private readonly Argument<string> _agent = new("agent") { Description = "The agent's name, id or folder name" };

    public PolicyShowCommand(CliContext context, GlobalOptions globals)
        : base("show", "Show which control commands an agent accepts.", context, globals)
    {
        Add(_agent);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh policy show bob", "mesh policy show bob --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var policy = await client.GetPolicyAsync(parseResult.GetRequiredValue(_agent), cancellationToken);
        return Output(parseResult, policy, Indented.AgentPolicy, human => PolicyView.Write(human, policy));
    }
}
