using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Parsing;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room join NAME [--keywords k1,k2]</c>.</summary>
internal sealed class RoomJoinCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room" };
    private readonly Option<string[]> _keywords = CliOptions.List("--keywords", "Reactive rooms: posts with these words become tasks for you", "k1,k2");
    private readonly Option<string?> _as = CreateAsOption();

    public RoomJoinCommand(CliContext context, GlobalOptions globals)
        : base("join", "Join a room as the acting agent (joining again updates your keywords).", context, globals)
    {
        Add(_name);
        Add(_keywords);
        Add(_as);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh room join standup --as dave", "mesh room join ops --keywords deploy,outage --as db"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        using var client = CreateClient(parseResult);
        var keywords = parseResult.GetValue(_keywords);
        var room = await client.JoinRoomAsync(agent, parseResult.GetRequiredValue(_name), keywords is { Length: > 0 } ? keywords : null, cancellationToken);
        return Output(parseResult, room, Indented.RoomInfo, human => human.WriteLine($"{agent} is in room {room.Name} ({room.Mode}, {room.Members.Count} members)."));
    }
}
