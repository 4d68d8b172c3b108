using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh search QUERY</c>: full-text search over message bodies.</summary>
internal sealed class SearchCommand : DataCommand
{
    private readonly Argument<string[]> _query = new("query")
    {
        Description = "Words to find (SQLite FTS5 syntax: \"exact phrase\", prefix*, a OR b); several words are joined",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<int?> _limit = CreateLimitOption("At most this many messages (default 50)");

    public SearchCommand(CliContext context, GlobalOptions globals)
        : base("search", "Search the bodies of every message in the mesh.", context, globals)
    {
        Add(_query);
        Add(_limit);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh search migration", "mesh search '\"schema change\" OR deploy*' --limit 10 --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var query = string.Join(' ', parseResult.GetRequiredValue(_query));
        using var client = CreateClient(parseResult);
        var messages = await client.SearchAsync(query, parseResult.GetValue(_limit), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(new MessageList(messages), Indented.MessageList);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        if (messages.Count == 0)
        {
            human.MarkupLine($"No message matches {Markup.Escape(query)}.");
            return ExitCodes.Ok;
        }
        human.Write(MessageView.CreateTable(messages, Context.Time.GetUtcNow()));
        return ExitCodes.Ok;
    }
}
