using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh history [AGENT]</c>: recent messages of the mesh, or to and from one agent.</summary>
internal sealed class HistoryCommand : DataCommand
{
    private readonly Argument<string?> _agent = new("agent") { Description = "Only messages to or from this agent", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<int?> _limit = CreateLimitOption("At most this many messages (default 50)");
    private readonly Option<string?> _before = new("--before") { Description = "Only messages older than this message id (paging)", HelpName = "id" };

    public HistoryCommand(CliContext context, GlobalOptions globals)
        : base("history", "Show recent messages, newest first: of the whole mesh, or to and from one agent.", context, globals)
    {
        Add(_agent);
        Add(_limit);
        Add(_before);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh history", "mesh history bob --limit 20", "mesh history --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var messages = await client.HistoryAsync(parseResult.GetValue(_agent), parseResult.GetValue(_limit), parseResult.GetValue(_before), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(new MessageList(messages), Indented.MessageList);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        if (messages.Count == 0)
        {
            human.MarkupLine("No messages yet.");
            return ExitCodes.Ok;
        }
        human.Write(MessageView.CreateTable(messages, Context.Time.GetUtcNow()));
        return ExitCodes.Ok;
    }
}
