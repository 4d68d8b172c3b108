using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Client;
using AgentMesh.Protocol.Local;
using AgentMesh.Terminal.Agents;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary><c>mesh agent start</c>: a tmux session running the program, the agent registered, a delivery daemon.</summary>
internal sealed class AgentStartCommand : DataCommand
{
    private readonly Option<string> _name = new("--name") { Description = "The agent's name in the mesh", HelpName = "name", Required = true };
    private readonly Option<string?> _cli = new("--cli")
    {
        Description = "The program to run, as you would type it in a shell (needed the first time; later starts reuse it)",
        HelpName = "command",
    };
    private readonly Option<string?> _session = new("--session") { Description = "The tmux session (default: mesh-<name>)", HelpName = "session" };
    private readonly Option<string?> _cwd = new("--cwd") { Description = "The folder the program runs in (default: the one it ran in before, else the current folder)", HelpName = "dir" };

    public AgentStartCommand(CliContext context, GlobalOptions globals)
        : base("start", "Start a terminal agent in tmux, or restart what is missing (the session is reused when it still runs; only the daemon is started again).", context, globals)
    {
        Add(_name);
        Add(_cli);
        Add(_session);
        Add(_cwd);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh agent start --name reviewer --cli \"claude\"",
        "mesh agent start --name builder --cli \"codex --full-auto\" --session build --cwd ~/src/api",
        "mesh agent start --name reviewer              # after a reboot or crash: reuse the session, restart the daemon",
        "MESH_TMUX_SOCKET=mesh mesh agent start --name r --cli claude   # on a separate tmux server (tmux -L mesh)",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetRequiredValue(_name);
        var cwd = parseResult.GetValue(_cwd) is { Length: > 0 } given ? Path.GetFullPath(given, Context.CurrentDirectory) : null;
        var options = MeshClientOptions.FromEnvironment(Context.Variables);
        var mesh = MeshName(parseResult);
        var environment = new Dictionary<string, string>
        {
            [CliContext.AgentVariable] = name,
            [MeshClientOptions.MeshVariable] = mesh, // `mesh send` in the pane talks in the agent's mesh
            [MeshHome.EnvironmentVariable] = options.Home.Root,
        };
        if (options.Url is { } url)
        {
            environment[MeshClientOptions.UrlVariable] = url.ToString();
        }

        using var client = CreateClient(parseResult);
        var started = await TmuxAgentsFactory.Create(Context).StartAsync(new StartTmuxAgent
        {
            Name = name,
            Mesh = mesh,
            Command = parseResult.GetValue(_cli),
            Session = parseResult.GetValue(_session),
            Cwd = cwd,
            DefaultCwd = Context.CurrentDirectory,
            Host = Context.MachineName,
            Environment = environment,
        }, client, cancellationToken);

        if (Json(parseResult))
        {
            WriteJson(started.State, TerminalJsonContext.Default.TmuxAgentState);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        var state = started.State;
        var session = started.CreatedSession ? "started in new tmux session" : started.Respawned ? "restarted in tmux session" : "still runs in tmux session";
        human.MarkupLine($"Agent [bold]{Markup.Escape(state.Name)}[/] (id {Markup.Escape(started.AgentId)}) {session} [bold]{Markup.Escape(state.Session)}[/] · pid {started.Pid}");
        human.MarkupLine(started.StartedDaemon
            ? $"  delivery daemon pid {state.DaemonPid} · log {Markup.Escape(TmuxAgentsFactory.Files(Context).LogPath(state.Mesh, state.Name))}"
            : $"  delivery daemon already running · pid {state.DaemonPid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        human.MarkupLine($"[grey]Watch or take over: mesh agent attach --name {Markup.Escape(state.Name)}. Send it work: mesh send {Markup.Escape(state.Name)} \"…\"[/]");
        return ExitCodes.Ok;
    }
}
