using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AgentMesh.Cli.Commands;

namespace AgentMesh.Cli.Hosting;

/// <summary>
/// Adds an "Examples:" section to <c>--help</c>, from <see cref="MeshCommand.Examples"/>. System.CommandLine
/// keeps its help layout internal, so this wraps the help action: the standard help, then the examples.
/// </summary>
internal sealed class HelpExamples(SynchronousCommandLineAction standardHelp) : SynchronousCommandLineAction
{
    public static void Attach(RootCommand root)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: SynchronousCommandLineAction standard } help)
        {
            help.Action = new HelpExamples(standard);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = standardHelp.Invoke(parseResult);
        if (parseResult.CommandResult.Command is MeshCommand { Examples.Count: > 0 } command)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in command.Examples)
            {
                output.WriteLine($"  {example}");
            }
            output.WriteLine();
        }
        return result;
    }
}
