using AgentMesh.Protocol.Errors;

namespace AgentMesh.Cli.Commands.Run;

/// <summary>
/// <c>mesh run</c>'s command line, split by hand: mesh's own options come first (<c>--bin PROGRAM</c>), and
/// everything from the first token it does not know — or after <c>--</c> — goes to the agent unchanged and in
/// order (<c>mesh run --model opus -c</c> runs <c>claude --model opus -c</c>). A general parser would reorder or
/// reject the agent's options. <c>-h</c>/<c>--help</c> as the first token is mesh's help.
/// </summary>
internal sealed record RunArguments(string? Program, IReadOnlyList<string> AgentArguments)
{
    public const string CommandName = "run";
    public const string ProgramOption = "--bin";

    /// <summary>Whether <paramref name="args"/> (the whole command line) is a <c>mesh run</c> for the supervisor (not its help).</summary>
    public static bool IsSupervisorRun(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == CommandName && (args.Count == 1 || args[1] is not ("-h" or "--help" or "-?"));

    /// <summary>Splits the tokens after <c>run</c>.</summary>
    public static RunArguments Parse(IReadOnlyList<string> tokens)
    {
        string? program = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "--")
            {
                return new RunArguments(program, [.. tokens.Skip(i + 1)]);
            }
            if (token == ProgramOption)
            {
                program = i + 1 < tokens.Count && tokens[i + 1].Length > 0 ? tokens[++i] : throw MissingProgram();
                continue;
            }
            if (token.StartsWith(ProgramOption + "=", StringComparison.Ordinal))
            {
                program = token[(ProgramOption.Length + 1)..] is { Length: > 0 } value ? value : throw MissingProgram();
                continue;
            }
            return new RunArguments(program, [.. tokens.Skip(i)]);
        }
        return new RunArguments(program, []);
    }

    private static MeshException MissingProgram() =>
        new(MeshErrorCode.InvalidRequest, "mesh run: --bin needs the program to run, e.g. 'mesh run --bin codex'.");
}
