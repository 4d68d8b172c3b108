using System.CommandLine;
using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.Cli.Hosting;
using AgentMesh.Mcp.Hosting;
using AgentMesh.Mcp.Operations;
using AgentMesh.Mcp.Presence;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh mcp</c>: the mesh as a stdio MCP server for one agent. Stdout carries only the protocol, so every
/// log line goes to stderr. It registers its agent (and keeps it alive) for as long as the MCP client runs it,
/// and marks it offline when the client closes stdin or the process is stopped.
/// </summary>
internal sealed class McpCommand : MeshCommand
{
    public const string KindVariable = "MESH_AGENT_KIND";

    private readonly Option<string?> _as = new("--as")
    {
        Description = "The agent to register and act as (default: $MESH_AGENT, else the Claude Code session's id when Claude runs it, else the current folder's name)",
        HelpName = "name",
    };

    private readonly Option<string?> _kind = new("--kind")
    {
        Description = $"What runs the agent: {string.Join(", ", AgentKind.All)} (default: ${KindVariable}, else claude-code inside Claude Code, else http)",
        HelpName = "kind",
    };

    public McpCommand(CliContext context, GlobalOptions globals)
        : base("mcp", "Serve the mesh to an AI coding agent as an MCP server on stdin/stdout, registered as one agent while it runs.", context, globals)
    {
        Add(_as);
        Add(_kind);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh mcp --as reviewer",
        "claude mcp add mesh -- mesh mcp --as reviewer",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Under Claude Code the session's hooks register the same agent: both derive its name from the session id.
        var claudeSession = Context.Variables(ClaudeSession.SessionIdVariable) is { Length: > 0 } sessionId ? sessionId : null;
        var name = parseResult.GetValue(_as) is { Length: > 0 } given ? given
            : Context.Variables(CliContext.AgentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : claudeSession is not null ? ClaudeSession.AgentName(MeshName(parseResult), claudeSession)
            : AgentIdentity.NameFromFolder(Context.CurrentDirectory);
        var kind = parseResult.GetValue(_kind) is { Length: > 0 } k ? k
            : Context.Variables(KindVariable) is { Length: > 0 } fromKind ? fromKind
            : Context.Variables("CLAUDECODE") is { Length: > 0 } ? AgentKind.ClaudeCode
            : AgentKind.Http;
        if (!AgentKind.IsValid(kind))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown agent kind '{kind}'. Use one of: {string.Join(", ", AgentKind.All)}.");
        }

        var debug = !string.IsNullOrEmpty(Context.Variables(DebugVariable));
        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(debug ? LogLevel.Debug : LogLevel.Warning);
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is the protocol's
        });
        using var client = Context.CreateClient(MeshName(parseResult), autostart: true);
        var presence = new AgentPresence(client, new RegisterAgentRequest
        {
            Name = name,
            Kind = kind,
            Cwd = Context.CurrentDirectory,
            Pid = AgentIdentity.ClientProcessId(),
            Host = Context.MachineName,
            SessionId = claudeSession,
        }, loggerFactory.CreateLogger("AgentMesh.Mcp.Presence"));
        await using (presence)
        {
            // Registering may start a broker, which takes seconds; the client's handshake must not wait for it.
            presence.Start();
            var session = new MeshSession(new ClientMeshOperations(client), name,
                $"'mesh mcp' acts as agent '{name}', but it is not registered. Tell the user; retrying will not help.", presence.Registered);
            try
            {
                await MeshMcpServer.RunStdioAsync(session, MeshMcpOptions.Default, loggerFactory, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: stop serving, and still mark the agent offline on the way out.
            }
        }
        return ExitCodes.Ok;
    }
}
