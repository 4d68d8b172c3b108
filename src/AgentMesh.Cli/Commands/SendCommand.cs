using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh send TO MESSAGE…</c>: sends a task (or a note, or a control command) from the acting agent.</summary>
internal sealed class SendCommand : DataCommand
{
    private readonly Argument<string> _to = new("to") { Description = "An agent's name, id or folder name, role:NAME, room:NAME, or '*' for every other agent" };
    private readonly Argument<string[]> _message = new("message")
    {
        Description = "The message; several words are joined with spaces; '-' reads it from stdin",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<string?> _as = CreateAsOption("The sending agent (default: $MESH_AGENT)");
    private readonly Option<bool> _note = new("--note") { Description = "Send a note (read at the next natural point) instead of a task (acts now, wakes the receiver)" };
    private readonly Option<bool> _command = new("--command")
    {
        Description = "Send a control command (e.g. /compact) to be typed into one agent's terminal; its policy must allow it (mesh policy allow-commands)",
    };
    private readonly Option<string?> _replyTo = new("--reply-to") { Description = "The id of the message this answers (threads them)", HelpName = "id" };
    private readonly Option<bool> _broadcast = new("--broadcast") { Description = "With role:NAME, send to every member of the role instead of the best placed one" };
    private readonly Option<string?> _idempotencyKey = new("--idempotency-key") { Description = "Send at most once per key: a repeat returns the first message", HelpName = "key" };

    public SendCommand(CliContext context, GlobalOptions globals)
        : base("send", "Send a message from the acting agent to another agent, a role, a room, or '*' for everyone.", context, globals)
    {
        Add(_to);
        Add(_message);
        Add(_as);
        Add(_note);
        Add(_command);
        Add(_replyTo);
        Add(_broadcast);
        Add(_idempotencyKey);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh send bob \"Review PR 12 and report back\" --as alice",
        "mesh send api --note \"Heads up: the schema changed\"",
        "git diff | mesh send reviewer - --as alice",
        "mesh send alice \"Done, tests pass\" --reply-to 01JB3K9ZQ5 --as bob",
        "mesh send role:reviewer \"Please review PR 12\" --as alice",
        "mesh send role:oncall --broadcast \"Deploy at 15:00\" --as lead",
        "mesh send room:standup \"Yesterday: fixed the login bug\" --as bob",
        "mesh send bob /compact --command --as alice",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var from = ActingAgent(parseResult, _as);
        if (parseResult.GetValue(_note) && parseResult.GetValue(_command))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "Choose one of --note and --command (a message is a task when neither is given).");
        }
        var body = await ReadBodyAsync(parseResult.GetRequiredValue(_message), cancellationToken);
        using var client = CreateClient(parseResult);
        var sent = await client.SendMessageAsync(from, new SendMessageRequest
        {
            To = parseResult.GetRequiredValue(_to),
            Body = body,
            Kind = parseResult.GetValue(_command) ? MessageKind.Command : parseResult.GetValue(_note) ? MessageKind.Note : MessageKind.Task,
            InReplyTo = parseResult.GetValue(_replyTo),
            IdempotencyKey = parseResult.GetValue(_idempotencyKey),
            Broadcast = parseResult.GetValue(_broadcast),
        }, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(sent, Indented.SendMessageResponse);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        var verb = sent.Duplicate ? "Already sent" : "Sent";
        human.MarkupLine($"{verb} {MessageKindLabel(sent.Message.Kind)} [bold]{Markup.Escape(sent.Message.Id)}[/] from {Markup.Escape(sent.Message.FromName)}.");
        if (sent.HeldFor is { } role)
        {
            human.MarkupLine($"  No member of {Markup.Escape(role)} is online: held for the first one that comes online.");
        }
        foreach (var delivery in sent.Deliveries)
        {
            human.MarkupLine($"  {Markup.Escape(delivery.RecipientName)} ({Markup.Escape(delivery.Recipient)}): {Markup.Escape(delivery.State)}");
        }
        return ExitCodes.Ok;
    }

    private static string MessageKindLabel(string kind) => kind switch
    {
        MessageKind.Note => "note",
        MessageKind.Command => "command",
        _ => "task",
    };
}
