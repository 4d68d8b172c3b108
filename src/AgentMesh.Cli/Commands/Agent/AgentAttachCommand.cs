using System.CommandLine;
using System.Diagnostics;
using AgentMesh.Cli.Hosting;
using AgentMesh.Protocol.Errors;
using AgentMesh.Terminal.Tmux;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary><c>mesh agent attach</c>: <c>tmux attach -t SESSION</c> on the right tmux server.</summary>
internal sealed class AgentAttachCommand : MeshCommand
{
    private readonly Option<string> _name = new("--name") { Description = "The tmux agent to attach to", HelpName = "name", Required = true };

    public AgentAttachCommand(CliContext context, GlobalOptions globals)
        : base("attach", "Attach this terminal to a tmux agent's session (detach again with the tmux prefix, then d). Messages wait while you type.", context, globals)
    {
        Add(_name);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh agent attach --name reviewer"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetRequiredValue(_name);
        var state = TmuxAgentsFactory.Files(Context).Require(MeshName(parseResult), name);
        var sessions = TmuxAgentsFactory.Sessions(Context);
        if (await sessions.FindAsync(state.Session, cancellationToken) is not { } session || !session.BelongsTo(name))
        {
            throw new MeshException(MeshErrorCode.NotFound,
                $"The tmux session '{state.Session}' of {name} is gone. Start it again: mesh agent start --name {name}");
        }
        List<string> arguments = [.. sessions.Runner.Socket.Arguments, "attach-session", "-t", TmuxSessions.Exact(state.Session)];
        if (Context.StdinRedirected)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"Attaching needs a terminal (stdin is not one). In a terminal run: tmux {string.Join(' ', arguments)}");
        }
        var info = new ProcessStartInfo("tmux") { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Inside tmux already, attaching nests; tmux refuses that unless $TMUX is unset, which a person may want.
        using var tmux = Process.Start(info) ?? throw new MeshException(MeshErrorCode.NotFound, "Could not run tmux; is it installed?");
        await tmux.WaitForExitAsync(CancellationToken.None);
        return tmux.ExitCode == 0 ? ExitCodes.Ok : ExitCodes.Error;
    }
}
