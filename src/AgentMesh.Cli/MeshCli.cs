using System.CommandLine;
using System.CommandLine.Invocation;
using AgentMesh.Cli.Commands;
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
            new RegisterCommand(context, globals),
            new AgentsCommand(context, globals),
            new SendCommand(context, globals),
            new InboxCommand(context, globals),
            new WaitCommand(context, globals),
            new AckCommand(context, globals),
            new HistoryCommand(context, globals),
            new SearchCommand(context, globals),
            new ListenCommand(context, globals),
            new SetupCommand(context, globals),
            new McpCommand(context, globals),
        };
        HelpExamples.Attach(root);
        // A bare `mesh` shows the help rather than an error.
        root.SetAction(parseResult => root.Options.OfType<System.CommandLine.Help.HelpOption>().First().Action is SynchronousCommandLineAction help
            ? help.Invoke(parseResult)
            : ExitCodes.Usage);
        return root;
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
            var command = parseResult.CommandResult.Command;
            var usage = command == root ? "mesh --help" : $"mesh {command.Name} --help";
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
