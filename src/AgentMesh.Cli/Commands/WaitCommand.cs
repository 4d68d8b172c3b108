using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Parsing;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh wait</c>: takes the next messages for the acting agent, waiting for them if need be.</summary>
internal sealed class WaitCommand : DataCommand
{
    private readonly Option<string?> _as = CreateAsOption("Whose messages (default: $MESH_AGENT)");
    private readonly Option<int?> _limit = CreateLimitOption("Take at most this many messages at once (default 100)");
    private static readonly TimeSpan _defaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Option<TimeSpan?> _timeout = CliOptions.Duration("--timeout",
        $"How long to wait for a message ({Duration.Examples}; default 30s); 0 checks once. Exit code 3 when nothing came", "-t");

    public WaitCommand(CliContext context, GlobalOptions globals)
        : base("wait", "Take the messages waiting for an agent, waiting until one arrives. They stay leased until 'mesh ack'; unacknowledged ones come back.", context, globals)
    {
        Add(_as);
        Add(_limit);
        Add(_timeout);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh wait --as bob",
        "mesh wait --as bob --timeout 5m",
        "mesh wait --as bob --timeout 0 --json   # just check",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = ActingAgent(parseResult, _as);
        var timeout = parseResult.GetValue(_timeout) ?? _defaultTimeout;
        using var client = CreateClient(parseResult);
        var items = await client.ConsumeAsync(agent, parseResult.GetValue(_limit), timeout, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(new InboxResponse(items), Indented.InboxResponse);
        }
        if (items.Count == 0)
        {
            Context.Error.MarkupLine($"No message for {Markup.Escape(agent)} within {Duration.Format(timeout)}.");
            return ExitCodes.Timeout;
        }
        if (!Json(parseResult))
        {
            var human = Human(parseResult);
            var now = Context.Time.GetUtcNow();
            foreach (var item in items)
            {
                MessageView.WriteFull(human, item.Message, state: null, now);
            }
            human.MarkupLine($"[grey]Acknowledge when done: mesh ack {string.Join(' ', items.Select(i => Markup.Escape(i.Message.Id)))} --as {Markup.Escape(agent)}[/]");
        }
        return ExitCodes.Ok;
    }
}
