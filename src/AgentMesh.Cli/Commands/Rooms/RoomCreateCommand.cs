using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Parsing;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Rooms;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room create NAME --members a,b --mode M</c>.</summary>
internal sealed class RoomCreateCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room's name (lowercase letters, digits, '.', '_', '-')" };
    private readonly Option<string[]> _members = CliOptions.List("--members", "Members, in speaking order: agent names or ids", "a,b,c");
    private readonly Option<string> _mode = new("--mode")
    {
        Description = "free-form (anyone posts), round-robin (members take turns), reactive (notes; @mentions and keywords become tasks), moderated (moderator and granted members post)",
        DefaultValueFactory = _ => RoomMode.FreeForm,
        HelpName = "mode",
    };
    private readonly Option<string?> _moderator = new("--moderator") { Description = "The moderator of a moderated room (joins if not a member)", HelpName = "name" };
    private readonly Option<TimeSpan?> _turnTimeout = CliOptions.Duration("--turn-timeout", "Round-robin: silence after which the turn passes on (default 5m)");
    private readonly Option<string?> _as = CreateAsOption("The agent creating the room, recorded as its creator (default: $MESH_AGENT; optional)");

    public RoomCreateCommand(CliContext context, GlobalOptions globals)
        : base("create", "Create a room with members and a mode.", context, globals)
    {
        _mode.AcceptOnlyFromAmong([.. RoomMode.All]);
        Add(_name);
        Add(_members);
        Add(_mode);
        Add(_moderator);
        Add(_turnTimeout);
        Add(_as);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh room create standup --members alice,bob,carol --mode round-robin --turn-timeout 2m",
        "mesh room create review --members alice,bob --mode moderated --moderator lead",
        "mesh room create ops --members api,web,db --mode reactive",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var room = await client.CreateRoomAsync(new CreateRoomRequest
        {
            Name = parseResult.GetRequiredValue(_name),
            Members = parseResult.GetValue(_members),
            Mode = parseResult.GetValue(_mode),
            Moderator = parseResult.GetValue(_moderator),
            TurnTimeoutSeconds = parseResult.GetValue(_turnTimeout) is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null,
            CreatedBy = OptionalAgent(parseResult, _as),
        }, cancellationToken);
        return Output(parseResult, room, Indented.RoomInfo, human => human.WriteLine($"Created room {room.Name} ({room.Mode}) with {room.Members.Count} member(s). {RoomView.WhoSpeaks(room)}."));
    }
}
