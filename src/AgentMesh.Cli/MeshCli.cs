using System.CommandLine;
using System.CommandLine.Invocation;
using AgentMesh.Cli.Commands;
using AgentMesh.Cli.Commands.Agent;
using AgentMesh.Cli.Commands.Meshes;
using AgentMesh.Cli.Commands.Policy;
using AgentMesh.Cli.Commands.Roles;
using AgentMesh.Cli.Commands.Rooms;
using AgentMesh.Cli.Commands.Run;
using AgentMesh.Cli.Commands.Webhooks;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli;

/// <summary>The <c>mesh</c> command tree, and the one way to run it (Program and tests alike).</summary>
internal static class MeshCli
{
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("AgentMesh: one durable broker that lets AI coding agents find each other, send each other work and listen live.")
        {
            globals.Mesh,
            new ServerCommand(context, globals),
            new StatusCommand(context, globals),
            new MeshesCommand(context, globals),
            new RegisterCommand(context, globals),
            new AgentsCommand(context, globals),
            new SendCommand(context, globals),
            new InboxCommand(context, globals),
            new WaitCommand(context, globals),
            new AckCommand(context, globals),
            new HistoryCommand(context, globals),
            new SearchCommand(context, globals),
            new RoomCommand(context, globals),
            new RoleCommand(context, globals),
            new TranscriptCommand(context, globals),
            new ListenCommand(context, globals),
            new WebhookCommand(context, globals),
            new PolicyCommand(context, globals),
            new TuiCommand(context, globals),
            new SetupCommand(context, globals),
            new McpCommand(context, globals),
            new InstallCommand(context, globals),
            new UninstallCommand(context, globals),
            new HookCommand(context, globals),
            new StatuslineCommand(context, globals),
            new AgentCommand(context, globals),
            new RunCommand(context, globals),
        };
        HelpExamples.Attach(root);
        // A bare `mesh` shows the help rather than an error.
        root.SetAction(parseResult => root.Options.OfType<System.CommandLine.Help.HelpOption>().First().Action is SynchronousCommandLineAction help
            ? help.Invoke(parseResult)
            : ExitCodes.Usage);
        return root;
    }

    /// <summary>The full command as typed, e.g. <c>mesh room create</c>.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Parent is null ? "mesh" : current.Command.Name);
        }
        return string.Join(' ', names);
    }

    /// <summary>
    /// <c>mesh run …</c> (not its help): the agent's arguments must reach it untouched, so they skip the parser.
    /// A bad mesh option is one line on stderr and exit code 2, as for any command.
    /// </summary>
    public static async Task<int> RunSupervisedAsync(IReadOnlyList<string> args, CliContext context)
    {
        RunArguments run;
        try
        {
            run = RunArguments.Parse([.. args.Skip(1)]);
        }
        catch (Protocol.Errors.MeshException e)
        {
            context.WriteError(e.Message);
            return ExitCodes.Usage;
        }
        return await SupervisedRun.RunAsync(run, context, CancellationToken.None);
    }

    /// <summary>
    /// Parses and runs. A command line that does not parse is one line on stderr and exit code 2; help goes
    /// to stdout; <paramref name="cancellationToken"/> is Ctrl+C.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var root = CreateRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            var usage = $"{CommandPath(parseResult.CommandResult)} --help";
            context.WriteError($"{parseResult.Errors[0].Message} Run '{usage}' for usage.");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration
        {
            Output = context.Stdout,
            Error = context.Stdout == Console.Out ? Console.Error : TextWriter.Null,
            ProcessTerminationTimeout = null, // Program owns Ctrl+C and SIGTERM (ShutdownSignals)
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
