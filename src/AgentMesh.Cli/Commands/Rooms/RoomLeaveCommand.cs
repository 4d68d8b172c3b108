using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room leave NAME</c>.</summary>
internal sealed class RoomLeaveCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room" };
    private readonly Option<string?> _as = CreateAsOption();

    public RoomLeaveCommand(CliContext context, GlobalOptions globals)
        : base("leave", "Leave a room; a turn you held passes to the next member.", context, globals)
    {
        Add(_name);
        Add(_as);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh room leave standup --as dave"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        using var client = CreateClient(parseResult);
        var room = await client.LeaveRoomAsync(agent, parseResult.GetRequiredValue(_name), cancellationToken);
        return Output(parseResult, room, Indented.RoomInfo, human => human.WriteLine($"{agent} left room {room.Name}."));
    }
}
