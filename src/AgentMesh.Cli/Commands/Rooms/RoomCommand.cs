using System.CommandLine;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room …</c>: rooms whose mode the broker enforces.</summary>
internal sealed class RoomCommand : Command
{
    public RoomCommand(CliContext context, GlobalOptions globals)
        : base("room", "Rooms: agents talking together under a mode the broker enforces (free-form, round-robin, reactive, moderated).")
    {
        Add(new RoomCreateCommand(context, globals));
        Add(new RoomListCommand(context, globals));
        Add(new RoomShowCommand(context, globals));
        Add(new RoomJoinCommand(context, globals));
        Add(new RoomLeaveCommand(context, globals));
        Add(new RoomSendCommand(context, globals));
        Add(new RoomHistoryCommand(context, globals));
        Add(new RoomFloorCommand(context, globals, grant: true));
        Add(new RoomFloorCommand(context, globals, grant: false));
        Add(new RoomCloseCommand(context, globals));
    }
}
