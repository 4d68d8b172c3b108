using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh ack ID…</c>: marks taken messages done, so they are not delivered again.</summary>
internal sealed class AckCommand : DataCommand
{
    private readonly Argument<string[]> _ids = new("id") { Description = "Ids of messages the agent took with 'mesh wait'", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string?> _as = CreateAsOption("The agent that took them (default: $MESH_AGENT)");

    public AckCommand(CliContext context, GlobalOptions globals)
        : base("ack", "Acknowledge messages: they are done and will not be delivered again. Exits 1 if any id was not waiting for the agent.", context, globals)
    {
        Add(_ids);
        Add(_as);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh ack 01JB3K9ZQ5 --as bob", "mesh ack 01JB3K9ZQ5 01JB3KA0X1 --as bob --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        using var client = CreateClient(parseResult);
        var result = await client.AckAsync(agent, parseResult.GetRequiredValue(_ids), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(result, Indented.AckResponse);
        }
        else if (result.Acknowledged.Count > 0)
        {
            Human(parseResult).MarkupLine($"Acknowledged {string.Join(", ", result.Acknowledged.Select(Markup.Escape))}.");
        }
        if (result.NotFound.Count > 0)
        {
            Context.WriteError($"Not waiting for {agent} (already acknowledged, never delivered to it, or unknown): {string.Join(", ", result.NotFound)}. See 'mesh inbox --as {agent}'.");
            return ExitCodes.Error;
        }
        return ExitCodes.Ok;
    }
}
