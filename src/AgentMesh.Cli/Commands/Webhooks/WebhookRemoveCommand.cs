using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Webhooks;

/// <summary><c>mesh webhook remove AGENT</c>: stops delivering; the agent goes offline and keeps its queue.</summary>
internal sealed class WebhookRemoveCommand : DataCommand
{
    private readonly Argument<string> _agent = new("agent") { Description = "The webhook agent's name or id" };

    public WebhookRemoveCommand(CliContext context, GlobalOptions globals)
        : base("remove", "Stop delivering to a webhook: the agent goes offline and keeps its queued messages.", context, globals)
    {
        Add(_agent);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh webhook remove notifier"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var removed = await client.RemoveWebhookAsync(parseResult.GetRequiredValue(_agent), cancellationToken);
        return Output(parseResult, removed, Indented.WebhookInfo, human =>
        {
            human.MarkupLine(
                $"Removed webhook [bold]{Markup.Escape(removed.Agent)}[/]; the agent is offline and keeps its queued messages (add it again to resume).");
        });
    }
}
