using System.CommandLine;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands.Policy;

/// <summary><c>mesh policy</c>: what other agents may do to an agent's terminal (which control commands they may send).</summary>
internal sealed class PolicyCommand : Command
{
    public PolicyCommand(CliContext context, GlobalOptions globals)
        : base("policy", "Choose which control commands (e.g. /compact) other agents may have typed into an agent's terminal; none by default.")
    {
        Add(new PolicyAllowCommandsCommand(context, globals));
        Add(new PolicyShowCommand(context, globals));
    }
}
