using System.CommandLine;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands.Run;

/// <summary>
/// <c>mesh run [--bin PROGRAM] [agent args…]</c>: the agent in a terminal that mesh supervises
/// (<see cref="SupervisedRun"/>). Program sends a real run straight to <see cref="SupervisedRun"/>, because the
/// agent's own options must pass through untouched; this command exists for the help text (and any run the
/// tree does see).
/// </summary>
internal sealed class RunCommand : MeshCommand
{
    private readonly Option<string?> _program = new(RunArguments.ProgramOption)
    {
        Description = $"The agent program to run (default: ${SupervisedRun.ProgramVariable}, else claude)",
        HelpName = "program",
    };

    private readonly Argument<string[]> _agentArguments = new("agent-args")
    {
        Description = "Passed to the agent unchanged, in order (everything from the first option mesh does not know, or after --)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public RunCommand(CliContext context, GlobalOptions globals)
        : base(RunArguments.CommandName, "Run claude (or another agent) in a terminal that mesh supervises: tasks sent to the session are typed into its prompt when it is idle and you are not typing.", context, globals)
    {
        Add(_program);
        Add(_agentArguments);
        TreatUnmatchedTokensAsErrors = false;
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh run",
        "mesh run --resume",
        "mesh run --model opus -c",
        "mesh run --bin codex",
        "mesh run --mesh team          # the session joins mesh 'team'",
        $"{SupervisedRun.ProgramVariable}=gemini mesh run",
        "mesh run -- --help            # the agent's own help",
    ];

    /// <summary>A run the tree parsed: <c>mesh --mesh team run …</c> (a mesh named after <c>run</c> wins).</summary>
    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var arguments = RunArguments.Parse([.. parseResult.Tokens.SkipWhile(t => t.Value != RunArguments.CommandName).Skip(1).Select(t => t.Value)]);
        return SupervisedRun.RunAsync(arguments with { Mesh = arguments.Mesh ?? MeshName(parseResult) }, Context, cancellationToken);
    }
}
