using AgentMesh.Cli.Hosting;
using AgentMesh.Client;
using AgentMesh.Client.Autostart;
using AgentMesh.Terminal.Agents;
using AgentMesh.Terminal.Tmux;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary>Builds the tmux agent services from the CLI's context: its MESH_HOME, MESH_TMUX_SOCKET and clock.</summary>
internal static class TmuxAgentsFactory
{
    public const string QuietVariable = "MESH_TYPING_QUIET";

    public static TmuxSocket Socket(CliContext context) => TmuxSocket.FromEnvironment(context.Variables);

    public static TmuxAgentFiles Files(CliContext context) => new(MeshClientOptions.FromEnvironment(context.Variables).Home);

    public static TmuxSessions Sessions(CliContext context) => new(new TmuxRunner(Socket(context)));

    /// <summary>The agents service; its daemons are this very <c>mesh</c> run as <c>mesh agent daemon …</c>.</summary>
    public static TmuxAgents Create(CliContext context)
    {
        var files = Files(context);
        var socket = Socket(context);
        var quiet = context.Variables(QuietVariable);
        return new TmuxAgents(Sessions(context), files, (mesh, name, logPath) =>
        {
            List<string> arguments = ["agent", "daemon", "--name", name, "--mesh", mesh];
            if ((socket.Path ?? socket.Name) is { } selected)
            {
                arguments.AddRange(["--tmux-socket", selected]);
            }
            if (quiet is { Length: > 0 })
            {
                arguments.AddRange(["--quiet", quiet]);
            }
            return DetachedProcessLauncher.Start(context.BackgroundCommand(arguments), files.Home, logPath);
        }, context.Time);
    }
}
