using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Transcripts;
using AgentMesh.Transcripts.Search;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh transcript search AGENT TEXT|/REGEX/</c>: the turns where the text occurs, with the match marked.</summary>
internal sealed class TranscriptSearchCommand : DataCommand
{
    private readonly Argument<string> _target = TranscriptTarget.CreateArgument();
    private readonly Argument<string> _query = new("query")
    {
        Description = "Text to find (case-insensitive), or /regex/ (add i after the last slash to ignore case)",
    };
    private readonly Option<int?> _limit = CreateLimitOption("At most this many matching turns, the most recent (default 20)");

    public TranscriptSearchCommand(CliContext context, GlobalOptions globals)
        : base("search", "Find the turns of an agent's transcript that mention a text or match a regex.", context, globals)
    {
        Add(_target);
        Add(_query);
        Add(_limit);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh transcript search alice 'schema change'",
        "mesh transcript search api '/TODO|FIXME/i' -n 5 --json",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var query = TranscriptQuery.Parse(parseResult.GetRequiredValue(_query));
        var (agent, path) = await TranscriptTarget.ResolveAsync(CreateClient(parseResult), parseResult.GetRequiredValue(_target), cancellationToken);
        var result = await TranscriptSearch.SearchAsync(path, query, Math.Max(parseResult.GetValue(_limit) ?? 20, 1), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(result, TranscriptJsonContext.Readable.TranscriptSearchResult);
        }
        else
        {
            TranscriptView.WriteHits(Context.Out, result.Hits);
        }
        TranscriptView.WriteSearchSummary(Human(parseResult), agent, result);
        return ExitCodes.Ok;
    }
}
