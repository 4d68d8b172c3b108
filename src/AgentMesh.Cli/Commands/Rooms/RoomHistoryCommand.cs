using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room history NAME</c>: members only.</summary>
internal sealed class RoomHistoryCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room" };
    private readonly Option<int?> _limit = CreateLimitOption("At most this many messages (default 50)");
    private readonly Option<string?> _before = new("--before") { Description = "Only messages older than this message id (paging)", HelpName = "id" };
    private readonly Option<string?> _as = CreateAsOption("The member reading (default: $MESH_AGENT)");

    public RoomHistoryCommand(CliContext context, GlobalOptions globals)
        : base("history", "Show a room's messages, newest first (members only).", context, globals)
    {
        Add(_name);
        Add(_limit);
        Add(_before);
        Add(_as);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh room history standup --as bob", "mesh room history standup -n 10 --json --as bob"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        using var client = CreateClient(parseResult);
        var messages = await client.RoomHistoryAsync(agent, parseResult.GetRequiredValue(_name), parseResult.GetValue(_limit), parseResult.GetValue(_before), cancellationToken);
        return Output(parseResult, new MessageList(messages), Indented.MessageList, human =>
        {
            if (messages.Count == 0)
            {
                human.WriteLine("No messages in this room yet.");
                return;
            }
            human.Write(MessageView.CreateTable(messages, Context.Time.GetUtcNow()));
        });
    }
}
