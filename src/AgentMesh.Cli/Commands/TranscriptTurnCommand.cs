using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Errors;
using AgentMesh.Transcripts;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh transcript turn AGENT INDEX</c>: one turn in full (cut at 4 KiB unless <c>--raw</c>).</summary>
internal sealed class TranscriptTurnCommand : DataCommand
{
    private readonly Argument<string> _target = TranscriptTarget.CreateArgument();
    private readonly Argument<int> _index = new("index") { Description = "The turn's number, as 'mesh transcript' and search show it (1 is the first prompt)" };
    private readonly Option<bool> _raw = TranscriptTarget.CreateRawOption();

    public TranscriptTurnCommand(CliContext context, GlobalOptions globals)
        : base("turn", "Show one turn of an agent's transcript in full.", context, globals)
    {
        Add(_target);
        Add(_index);
        Add(_raw);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh transcript turn alice 3", "mesh transcript turn web 12 --raw --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var index = parseResult.GetValue(_index);
        if (index < 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Turn {index} does not exist: turns are numbered from 1 (0 is what came before the first prompt).");
        }
        var (_, path) = await TranscriptTarget.ResolveAsync(CreateClient(parseResult), parseResult.GetRequiredValue(_target), cancellationToken);
        var turn = await TranscriptReader.ReadTurnAsync(path, index, new TranscriptReadOptions { Raw = parseResult.GetValue(_raw) }, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(turn, TranscriptJsonContext.Readable.TranscriptTurn);
        }
        else
        {
            TranscriptView.WriteTurns(Context.Out, [turn]);
        }
        if (turn.CutBytes > 0)
        {
            TranscriptView.WriteCutNote(Human(parseResult), turn.CutBytes);
        }
        return ExitCodes.Ok;
    }
}
