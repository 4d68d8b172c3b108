using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room show NAME</c>.</summary>
internal sealed class RoomShowCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room" };

    public RoomShowCommand(CliContext context, GlobalOptions globals)
        : base("show", "Show a room: mode, members in order, whose turn, who has the floor.", context, globals)
    {
        Add(_name);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh room show standup", "mesh room show standup --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var room = await client.GetRoomAsync(parseResult.GetRequiredValue(_name), cancellationToken);
        return Output(parseResult, room, Indented.RoomInfo, human => RoomView.WriteFull(human, room, Context.Time.GetUtcNow()));
    }
}
