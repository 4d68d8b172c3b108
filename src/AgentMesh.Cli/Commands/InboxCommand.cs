using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh inbox</c>: what is waiting for the acting agent, without taking it.</summary>
internal sealed class InboxCommand : DataCommand
{
    private readonly Option<string?> _as = CreateAsOption("Whose inbox (default: $MESH_AGENT)");
    private readonly Option<int?> _limit = CreateLimitOption("At most this many messages (default 100)");

    public InboxCommand(CliContext context, GlobalOptions globals)
        : base("inbox", "Show the messages waiting for an agent, oldest first. Changes nothing: use 'mesh wait' to take them.", context, globals)
    {
        Add(_as);
        Add(_limit);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh inbox --as bob", "MESH_AGENT=bob mesh inbox --limit 5 --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        using var client = CreateClient(parseResult);
        var items = await client.PeekInboxAsync(agent, parseResult.GetValue(_limit), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(new InboxResponse(items), Indented.InboxResponse);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        if (items.Count == 0)
        {
            human.MarkupLine($"Nothing waiting for {Markup.Escape(agent)}.");
            return ExitCodes.Ok;
        }
        var now = Context.Time.GetUtcNow();
        foreach (var item in items)
        {
            MessageView.WriteFull(human, item.Message, item.State, now);
        }
        return ExitCodes.Ok;
    }
}
