using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Rooms;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room list</c>.</summary>
internal sealed class RoomListCommand : DataCommand
{
    public RoomListCommand(CliContext context, GlobalOptions globals)
        : base("list", "List the mesh's rooms.", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh room list", "mesh room list --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var rooms = await client.ListRoomsAsync(cancellationToken);
        return Output(parseResult, new RoomList(rooms), Indented.RoomList, human =>
        {
            if (rooms.Count == 0)
            {
                human.WriteLine("No rooms yet. Create one: mesh room create NAME --members a,b --mode free-form");
                return;
            }
            human.Write(RoomView.CreateTable(rooms));
        });
    }
}
