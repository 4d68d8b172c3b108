using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Webhooks;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Webhooks;

/// <summary>
/// <c>mesh webhook add AGENT URL</c>. The secret comes from stdin, <c>$MESH_WEBHOOK_SECRET</c> or (visible in
/// <c>ps</c>, so last resort) <c>--secret</c>; with none the broker keeps the current one or generates one,
/// printed here once.
/// </summary>
internal sealed class WebhookAddCommand : DataCommand
{
    public const string SecretVariable = "MESH_WEBHOOK_SECRET";

    private readonly Argument<string> _agent = new("agent") { Description = "The agent's name; it is registered as a webhook agent if new" };
    private readonly Argument<string> _url = new("url") { Description = "Where to POST: an http:// or https:// URL" };
    private readonly Option<string> _format = new("--format")
    {
        Description = $"Body shape: {string.Join(", ", WebhookFormat.All)}",
        DefaultValueFactory = _ => WebhookFormat.Raw,
        HelpName = "format",
    };
    private readonly Option<string?> _template = new("--template") { Description = "For --format custom: text or JSON with {{from}} {{to}} {{body}} {{id}} {{kind}} {{created_at}}", HelpName = "text" };
    private readonly Option<bool> _secretStdin = new("--secret-stdin") { Description = "Read the signing secret from the first line of stdin (recommended)" };
    private readonly Option<string?> _secret = new("--secret")
    {
        Description = $"The signing secret. Visible to other users in 'ps': prefer --secret-stdin or ${SecretVariable}. Default: keep the current one, or generate one",
        HelpName = "secret",
    };
    private readonly Option<bool> _allowPrivate = new("--allow-private") { Description = "Allow a private, loopback or link-local target (e.g. a service on this machine)" };

    public WebhookAddCommand(CliContext context, GlobalOptions globals)
        : base("add", "Make an agent a webhook, or change its URL, format or secret.", context, globals)
    {
        Add(_agent);
        Add(_url);
        Add(_format);
        Add(_template);
        Add(_secretStdin);
        Add(_secret);
        Add(_allowPrivate);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh webhook add notifier https://hooks.slack.com/services/T0/B0/XXXX --format slack",
        "pass show mesh/hook | mesh webhook add ci https://ci.example.com/mesh --secret-stdin",
        """mesh webhook add pager https://example.com/in --format custom --template '{"text":"{{from}}: {{body}}"}'""",
        "mesh webhook add local http://127.0.0.1:8080/hook --allow-private",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var secret = await ReadSecretAsync(parseResult, cancellationToken);
        using var client = CreateClient(parseResult);
        var saved = await client.SaveWebhookAsync(parseResult.GetRequiredValue(_agent), new SaveWebhookRequest
        {
            Url = parseResult.GetRequiredValue(_url),
            Format = parseResult.GetValue(_format),
            Template = parseResult.GetValue(_template),
            Secret = secret,
            AllowPrivate = parseResult.GetValue(_allowPrivate),
        }, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(saved, Indented.WebhookSaved);
        }
        var human = Human(parseResult);
        var webhook = saved.Webhook;
        human.MarkupLine($"{(saved.Created ? "Added" : "Updated")} webhook [bold]{Markup.Escape(webhook.Agent)}[/] (id {Markup.Escape(webhook.AgentId)}) → {Markup.Escape(webhook.Url)} ({Markup.Escape(webhook.Format)}).");
        if (saved.GeneratedSecret is { } generated && !Json(parseResult))
        {
            human.MarkupLine($"Signing secret (shown once; the receiver verifies X-Mesh-Signature with it): [bold]{Markup.Escape(generated)}[/]");
        }
        human.MarkupLine($"[grey]Send it messages like any agent: mesh send {Markup.Escape(webhook.Agent)} \"…\". Try it: mesh webhook test {Markup.Escape(webhook.Agent)}[/]");
        return ExitCodes.Ok;
    }

    /// <summary>The secret from stdin, the option or the environment (in that order); null lets the broker decide.</summary>
    private async Task<string?> ReadSecretAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var fromOption = parseResult.GetValue(_secret);
        if (parseResult.GetValue(_secretStdin))
        {
            if (fromOption is not null)
            {
                throw new MeshException(MeshErrorCode.InvalidRequest, "Give the secret once: --secret-stdin or --secret, not both.");
            }
            if (Context.IsInteractive)
            {
                Context.Error.MarkupLine("[grey]Type the secret and press Enter.[/]");
            }
            var line = (await Context.Stdin.ReadLineAsync(cancellationToken))?.Trim();
            return string.IsNullOrEmpty(line)
                ? throw new MeshException(MeshErrorCode.InvalidRequest, "--secret-stdin read nothing: pipe the secret in, e.g. 'printf %s \"$SECRET\" | mesh webhook add …'.")
                : line;
        }
        if (fromOption is not null)
        {
            Context.Error.MarkupLine($"[yellow]warning:[/] a secret on the command line is visible to other users in 'ps'; prefer --secret-stdin or ${SecretVariable}.");
            return fromOption;
        }
        return Context.Variables(SecretVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }
}
