using System.CommandLine;
using System.Globalization;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Webhooks;

/// <summary><c>mesh webhook test AGENT</c>: one signed test POST now; exits 1 unless the receiver answered 2xx.</summary>
internal sealed class WebhookTestCommand : DataCommand
{
    private readonly Argument<string> _agent = new("agent") { Description = "The webhook agent's name or id" };

    public WebhookTestCommand(CliContext context, GlobalOptions globals)
        : base("test", "Send a signed test message to a webhook now and show the HTTP status and latency.", context, globals)
    {
        Add(_agent);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh webhook test notifier", "mesh webhook test notifier --json"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var result = await client.TestWebhookAsync(parseResult.GetRequiredValue(_agent), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(result, Indented.WebhookTestResult);
        }
        var latency = result.LatencyMs.ToString("0.0", CultureInfo.InvariantCulture);
        if (!result.Ok)
        {
            Context.WriteError($"The test POST to webhook '{result.Agent}' failed after {latency} ms: {result.Error}. Check the URL, and that the receiver answers 2xx.");
            return ExitCodes.Error;
        }
        Human(parseResult).MarkupLine($"[green]ok[/] {Markup.Escape(result.Agent)} answered HTTP {result.Status} in {latency} ms.");
        return ExitCodes.Ok;
    }
}
