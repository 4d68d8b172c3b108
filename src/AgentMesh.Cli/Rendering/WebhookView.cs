using AgentMesh.Protocol.Webhooks;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>Webhooks as two lines each: name and URL, then format, "secret: set", private targets, last change.</summary>
internal static class WebhookView
{
    public static void Write(IAnsiConsole console, IReadOnlyList<WebhookInfo> webhooks, DateTimeOffset now)
    {
        foreach (var webhook in webhooks)
        {
            console.MarkupLine($"[bold]{Markup.Escape(webhook.Agent)}[/] (id {Markup.Escape(webhook.AgentId)}) → {Markup.Escape(webhook.Url)}");
            var template = webhook.Template is null ? "" : $" · template: {Markup.Escape(webhook.Template)}";
            var privateTargets = webhook.AllowPrivate ? "allowed" : "refused";
            console.MarkupLine($"  format: {Markup.Escape(webhook.Format)}{template} · secret: {Markup.Escape(webhook.Secret)} · private targets: {privateTargets} · updated {Ago.Since(webhook.UpdatedAt, now)}");
        }
    }
}
