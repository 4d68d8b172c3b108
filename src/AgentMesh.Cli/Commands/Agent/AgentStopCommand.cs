using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary><c>mesh agent stop</c>: stops the delivery daemon and marks the agent offline; optionally closes the session.</summary>
internal sealed class AgentStopCommand : MeshCommand
{
    private readonly Option<string> _name = new("--name") { Description = "The tmux agent to stop", HelpName = "name", Required = true };
    private readonly Option<bool> _killSession = new("--kill-session") { Description = "Also close its tmux session (and the program in it), and forget the agent" };

    public AgentStopCommand(CliContext context, GlobalOptions globals)
        : base("stop", "Stop delivering to a tmux agent and mark it offline. Its session keeps running unless --kill-session.", context, globals)
    {
        Add(_name);
        Add(_killSession);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh agent stop --name reviewer",
        "mesh agent stop --name reviewer --kill-session",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetRequiredValue(_name);
        using var client = Context.CreateClient(MeshName(parseResult), autostart: false);
        var stopped = await TmuxAgentsFactory.Create(Context).StopAsync(MeshName(parseResult), name, parseResult.GetValue(_killSession), client, cancellationToken);
        var console = Context.Out;
        console.MarkupLine(stopped.DaemonWasRunning ? $"Stopped the delivery daemon of [bold]{Markup.Escape(name)}[/]." : $"No delivery daemon was running for [bold]{Markup.Escape(name)}[/].");
        console.MarkupLine(stopped.MarkedOffline
            ? "  marked offline"
            : $"  [yellow]not marked offline:[/] {Markup.Escape(stopped.OfflineProblem ?? "")} [grey](it goes offline by itself once its program exits)[/]");
        if (parseResult.GetValue(_killSession))
        {
            console.MarkupLine(stopped.KilledSession ? "  tmux session closed; agent forgotten" : "  its tmux session was already gone; agent forgotten");
        }
        else
        {
            console.MarkupLine($"[grey]  The program still runs in tmux; 'mesh agent start --name {Markup.Escape(name)}' resumes delivery.[/]");
        }
        return ExitCodes.Ok;
    }
}
