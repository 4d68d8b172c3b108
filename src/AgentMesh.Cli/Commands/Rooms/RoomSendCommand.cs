using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Rooms;

/// <summary><c>mesh room send NAME MESSAGE…</c>: posts under the room's mode (same as <c>mesh send room:NAME</c>).</summary>
internal sealed class RoomSendCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The room" };
    private readonly Argument<string[]> _message = new("message")
    {
        Description = "The post; several words are joined with spaces; '-' reads it from stdin. Mention members with @name",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<string?> _as = CreateAsOption("The posting member (default: $MESH_AGENT)");
    private readonly Option<bool> _note = new("--note") { Description = "Post a note instead of a task (free-form and moderated rooms; the other modes decide themselves)" };
    private readonly Option<string?> _replyTo = new("--reply-to") { Description = "The id of the message this answers", HelpName = "id" };

    public RoomSendCommand(CliContext context, GlobalOptions globals)
        : base("send", "Post in a room. The broker enforces its mode: turns, the floor, membership.", context, globals)
    {
        Add(_name);
        Add(_message);
        Add(_as);
        Add(_note);
        Add(_replyTo);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh room send standup \"Yesterday: login bug. Today: tests.\" --as bob",
        "mesh room send ops \"@db the migration is slow, can you look?\" --as api",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        var body = await ReadBodyAsync(parseResult.GetRequiredValue(_message), cancellationToken);
        using var client = CreateClient(parseResult);
        var sent = await client.PostInRoomAsync(agent, parseResult.GetRequiredValue(_name), new RoomPostRequest
        {
            Body = body,
            Kind = parseResult.GetValue(_note) ? MessageKind.Note : null,
            InReplyTo = parseResult.GetValue(_replyTo),
        }, cancellationToken);
        return Output(parseResult, sent, Indented.SendMessageResponse, human =>
        {
            var tasks = sent.Deliveries.Count(d => (d.Kind ?? sent.Message.Kind) == MessageKind.Task);
            human.WriteLine($"Posted {sent.Message.Id} in {sent.Message.Room}: {sent.Deliveries.Count} member(s) reached, {tasks} as a task.");
        });
    }
}
