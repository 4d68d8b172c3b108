using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Parsing;
using AgentMesh.Terminal.Agents;
using AgentMesh.Terminal.Tmux;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Cli.Commands.Agent;

/// <summary>
/// <c>mesh agent daemon</c> (hidden): the background process <c>mesh agent start</c> launches. It types the
/// agent's messages into its pane until the session closes or <c>mesh agent stop</c> sends SIGTERM. Logs go
/// to stdout, which the launcher points at <c>$MESH_HOME/agents/&lt;mesh&gt;/&lt;name&gt;.log</c>.
/// </summary>
internal sealed class AgentDaemonCommand : MeshCommand
{
    private readonly Option<string> _name = new("--name") { Required = true };
    private readonly Option<string?> _socket = new("--tmux-socket");
    private readonly Option<string?> _quiet = new("--quiet");

    public AgentDaemonCommand(CliContext context, GlobalOptions globals)
        : base("daemon", "The delivery daemon of a tmux agent (started by 'mesh agent start').", context, globals)
    {
        Hidden = true;
        Add(_name);
        Add(_socket);
        Add(_quiet);
    }

    public override IReadOnlyList<string> Examples { get; } = [];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var typing = new TypingOptions();
        if (parseResult.GetValue(_quiet) is { Length: > 0 } quietText)
        {
            typing = Duration.TryParse(quietText, out var quiet) && quiet > TimeSpan.Zero
                ? typing with { Quiet = quiet }
                : throw new Protocol.Errors.MeshException(Protocol.Errors.MeshErrorCode.InvalidRequest,
                    $"{TmuxAgentsFactory.QuietVariable}='{quietText}' is not a duration; write it like 500ms or 2s.");
        }
        var socket = parseResult.GetValue(_socket) is { Length: > 0 } selected
            ? TmuxSocket.FromEnvironment(name => name == TmuxSocket.EnvironmentVariable ? selected : null)
            : TmuxAgentsFactory.Socket(Context);

        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            }));
        var daemon = new TmuxAgentDaemon(new TmuxSessions(new TmuxRunner(socket)), TmuxAgentsFactory.Files(Context), typing,
            loggers.CreateLogger("AgentMesh.Terminal"), Context.Time);
        using var client = Context.CreateClient(MeshName(parseResult), autostart: false);
        await daemon.RunAsync(MeshName(parseResult), parseResult.GetRequiredValue(_name), Context.MachineName, client, cancellationToken);
        return ExitCodes.Ok;
    }
}
