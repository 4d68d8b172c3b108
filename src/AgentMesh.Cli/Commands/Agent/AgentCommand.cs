using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary><c>mesh agent …</c>: terminal agents that run in tmux and get their messages typed in.</summary>
internal sealed class AgentCommand : Command
{
    public AgentCommand(CliContext context, GlobalOptions globals)
        : base("agent", "Run any terminal program as a mesh agent in tmux: its messages are typed into its pane when nobody is typing. See docs/terminal-agents.md.")
    {
        Add(new AgentStartCommand(context, globals));
        Add(new AgentStopCommand(context, globals));
        Add(new AgentListCommand(context, globals));
        Add(new AgentAttachCommand(context, globals));
        Add(new AgentDaemonCommand(context, globals));
        // A bare `mesh agent` shows what it can do rather than an error.
        SetAction(parseResult => parseResult.RootCommandResult.Command.Options.OfType<HelpOption>().FirstOrDefault()?.Action is SynchronousCommandLineAction help
            ? help.Invoke(parseResult)
            : ExitCodes.Usage);
    }
}
