using System.CommandLine;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands.Webhooks;

/// <summary><c>mesh webhook</c>: agents that are URLs. The broker POSTs their messages, signed, with retries.</summary>
internal sealed class WebhookCommand : Command
{
    public WebhookCommand(CliContext context, GlobalOptions globals)
        : base("webhook", "Make an agent a URL: the broker POSTs each of its messages there, signed, retried, tracked (docs/webhooks.md).")
    {
        Add(new WebhookAddCommand(context, globals));
        Add(new WebhookListCommand(context, globals));
        Add(new WebhookRemoveCommand(context, globals));
        Add(new WebhookTestCommand(context, globals));
    }
}
