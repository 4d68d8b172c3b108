using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room grant|revoke NAME AGENT</c>: the moderator hands out or takes back the floor.</summary>
internal sealed class RoomFloorCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The moderated room" };
    private readonly Argument<string> _agent = new("agent") { Description = "The member" };
    private readonly Option<string?> _as = CreateAsOption("The moderator (default: $MESH_AGENT)");
    private readonly bool _grant;

    public RoomFloorCommand(CliContext context, GlobalOptions globals, bool grant)
        : base(grant ? "grant" : "revoke",
            grant ? "Give a member the floor of a moderated room (moderator only)." : "Take a member's floor back (moderator only).",
            context, globals)
    {
        _grant = grant;
        Add(_name);
        Add(_agent);
        Add(_as);
        Examples = [$"mesh room {Name} review bob --as lead"];
    }

    public override IReadOnlyList<string> Examples { get; }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var moderator = ActingAgent(parseResult, _as);
        var agent = parseResult.GetRequiredValue(_agent);
        using var client = CreateClient(parseResult);
        var room = await client.SetFloorAsync(moderator, parseResult.GetRequiredValue(_name), agent, _grant, cancellationToken);
        return Output(parseResult, room, Indented.RoomInfo, human => human.WriteLine(_grant ? $"{agent} has the floor in {room.Name}." : $"{agent} no longer has the floor in {room.Name}."));
    }
}
