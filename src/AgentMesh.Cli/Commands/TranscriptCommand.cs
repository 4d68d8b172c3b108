using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Errors;
using AgentMesh.Transcripts;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh transcript AGENT</c>: the last turns of another session's transcript (its registered
/// transcript_path), with tool results and file contents cut at 4 KiB unless <c>--raw</c>. Subcommands search
/// it and show one turn. The file is read here, on this machine; the broker only says where it is.
/// </summary>
internal sealed class TranscriptCommand : DataCommand
{
    private readonly Argument<string> _target = TranscriptTarget.CreateArgument();
    private readonly Option<int?> _limit = CreateLimitOption("How many of the last turns to show (default 5)");
    private readonly Option<bool> _raw = TranscriptTarget.CreateRawOption();

    public TranscriptCommand(CliContext context, GlobalOptions globals)
        : base("transcript", "Read another agent's session transcript as turns: each prompt and what followed it.", context, globals)
    {
        Add(_target);
        Add(_limit);
        Add(_raw);
        Add(new TranscriptSearchCommand(context, globals));
        Add(new TranscriptTurnCommand(context, globals));
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh transcript alice",
        "mesh transcript api -n 2 --raw",
        "mesh transcript search alice /migrat(e|ion)/",
        "mesh transcript turn alice 3 --json",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var count = parseResult.GetValue(_limit) ?? 5;
        if (count < 1)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"-n {count} shows nothing: give 1 or more turns.");
        }
        var (agent, path) = await TranscriptTarget.ResolveAsync(CreateClient(parseResult), parseResult.GetRequiredValue(_target), cancellationToken);
        var page = await TranscriptReader.ReadLastAsync(path, count, new TranscriptReadOptions { Raw = parseResult.GetValue(_raw) }, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(page, TranscriptJsonContext.Readable.TranscriptPage);
        }
        else
        {
            TranscriptView.WriteTurns(Context.Out, page.Turns);
        }
        TranscriptView.WriteSummary(Human(parseResult), agent, page);
        return ExitCodes.Ok;
    }
}
