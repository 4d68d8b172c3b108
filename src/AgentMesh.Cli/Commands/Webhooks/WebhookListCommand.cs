using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Webhooks;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Webhooks;

/// <summary><c>mesh webhook list</c>: where each webhook agent's messages go. Secrets show as "set", never their value.</summary>
internal sealed class WebhookListCommand : DataCommand
{
    public WebhookListCommand(CliContext context, GlobalOptions globals)
        : base("list", "List the webhook agents of the mesh (secrets are never shown).", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh webhook list", "mesh webhook list --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var webhooks = await client.ListWebhooksAsync(cancellationToken);
        return Output(parseResult, new WebhookList(webhooks), Indented.WebhookList, human =>
        {
            if (webhooks.Count == 0)
            {
                human.MarkupLine("No webhooks in this mesh. Add one with: mesh webhook add NAME https://…");
                return;
            }
            WebhookView.Write(human, webhooks, Context.Time.GetUtcNow());
        });
    }
}
