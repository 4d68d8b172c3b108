using AgentMesh.Cli.Hosting;
using AgentMesh.Client;
using AgentMesh.Protocol.Errors;
using AgentMesh.Terminal.Pty;
using AgentMesh.Terminal.Supervisor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentMesh.Cli.Commands.Run;

/// <summary>
/// What <c>mesh run</c> does: find the program, make sure a broker runs (so the program's hooks find it), then run
/// the program under <see cref="TerminalSupervisor"/> with a <see cref="PromptInjector"/> for its session, and exit
/// with the program's exit code. Nothing is printed once the program runs (the terminal is the program's); set
/// <c>MESH_RUN_LOG=/path/file</c> for a log.
/// </summary>
internal static class SupervisedRun
{
    public const string ProgramVariable = "MESH_AGENT_BIN";
    public const string LogVariable = "MESH_RUN_LOG";
    public const string DefaultProgram = "claude";

    /// <summary>A shell's "command not found".</summary>
    public const int NotFound = 127;

    public static async Task<int> RunAsync(RunArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var name = arguments.Program ?? (context.Variables(ProgramVariable) is { Length: > 0 } chosen ? chosen : DefaultProgram);
        if (ProgramPath.Resolve(name, context.Variables("PATH")) is not { } program)
        {
            context.WriteError($"mesh run: '{name}' was not found on PATH. "
                + (name == DefaultProgram
                    ? "Install Claude Code (npm install -g @anthropic-ai/claude-code), or name another agent with --bin or " + ProgramVariable + "."
                    : "Check the name, or give its full path."));
            return NotFound;
        }
        // The program's hooks register its session in this mesh: they read MESH_MESH, set below for the program.
        var mesh = arguments.Mesh ?? MeshClientOptions.MeshFrom(context.Variables);
        var deliver = await BrokerReadyAsync(context, mesh, cancellationToken);
        using var fileLogger = context.Variables(LogVariable) is { Length: > 0 } logPath ? FileLogger.Open(logPath) : null;
        ILogger logger = fileLogger is null ? NullLogger.Instance : fileLogger;
        using var client = context.CreateClient(mesh, autostart: false);

        var start = new PtyStartInfo
        {
            Program = program,
            Arguments = arguments.AgentArguments,
            Environment = PtyStartInfo.CurrentEnvironment(new Dictionary<string, string?>
            {
                ["TERM"] = context.Variables("TERM") is { Length: > 0 } term ? term : "xterm-256color",
                [MeshClientOptions.MeshVariable] = mesh,
            }),
            WorkingDirectory = context.CurrentDirectory,
        };
        var supervisor = new TerminalSupervisor(logger, context.Time);
        var status = await supervisor.RunAsync(start, running => deliver
            ? new PromptInjector(client,
                new SessionLocator(client, running.Pid, context.MachineName, context.Variables(CliContext.AgentVariable)),
                running.Input, running.Keyboard, running.Paste, new InjectorOptions(), logger, context.Time)
            : null, cancellationToken);
        return status.ShellCode;
    }

    /// <summary>
    /// Starts a broker if none runs and checks the mesh exists; without either the program still runs, with a
    /// one-line warning.
    /// </summary>
    private static async Task<bool> BrokerReadyAsync(CliContext context, string mesh, CancellationToken cancellationToken)
    {
        try
        {
            using var client = context.CreateClient(mesh, autostart: true);
            await client.EnsureBrokerAsync(cancellationToken);
            if (mesh != MeshClientOptions.DefaultMesh && !(await client.ListMeshesAsync(cancellationToken)).Any(m => m.Name == mesh))
            {
                context.WriteError($"mesh run: there is no mesh '{mesh}'; create it with 'mesh meshes create {mesh}'. The agent runs without mesh delivery.");
                return false;
            }
            return true;
        }
        catch (MeshException e)
        {
            context.WriteError($"mesh run: {e.Message} The agent runs without mesh delivery.");
            return false;
        }
    }
}
