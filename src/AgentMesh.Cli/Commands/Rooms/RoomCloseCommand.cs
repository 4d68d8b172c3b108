using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room close NAME</c>.</summary>
internal sealed class RoomCloseCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room" };

    public RoomCloseCommand(CliContext context, GlobalOptions globals)
        : base("close", "Close a room: no more posts or joins; members can still read its history.", context, globals)
    {
        Add(_name);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh room close standup"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var room = await client.CloseRoomAsync(parseResult.GetRequiredValue(_name), cancellationToken);
        return Output(parseResult, room, Indented.RoomInfo, human => human.WriteLine($"Room {room.Name} is closed."));
    }
}
