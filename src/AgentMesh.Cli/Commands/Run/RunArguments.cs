using AgentMesh.Protocol.Errors;

namespace AgentMesh.Cli.Commands.Run;

/// <summary>
/// <c>mesh run</c>'s command line, split by hand: mesh's own options come first (<c>--bin PROGRAM</c>,
/// <c>--mesh NAME</c>), and everything from the first token it does not know — or after <c>--</c> — goes to the
/// agent unchanged and in order (<c>mesh run --model opus -c</c> runs <c>claude --model opus -c</c>). A general
/// parser would reorder or reject the agent's options. <c>-h</c>/<c>--help</c> as the first token is mesh's help.
/// </summary>
internal sealed record RunArguments(string? Program, IReadOnlyList<string> AgentArguments, string? Mesh = null)
{
    public const string CommandName = "run";
    public const string ProgramOption = "--bin";
    public const string MeshOption = "--mesh";

    /// <summary>Whether <paramref name="args"/> (the whole command line) is a <c>mesh run</c> for the supervisor (not its help).</summary>
    public static bool IsSupervisorRun(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == CommandName && (args.Count == 1 || args[1] is not ("-h" or "--help" or "-?"));

    /// <summary>Splits the tokens after <c>run</c>.</summary>
    public static RunArguments Parse(IReadOnlyList<string> tokens)
    {
        string? program = null;
        string? mesh = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "--")
            {
                return new RunArguments(program, [.. tokens.Skip(i + 1)], mesh);
            }
            if (OptionValue(tokens, ref i, ProgramOption) is { } named)
            {
                program = named;
            }
            else if (OptionValue(tokens, ref i, MeshOption) is { } meshName)
            {
                mesh = meshName;
            }
            else
            {
                return new RunArguments(program, [.. tokens.Skip(i)], mesh);
            }
        }
        return new RunArguments(program, [], mesh);
    }

    /// <summary>The value of <paramref name="option"/> at <paramref name="i"/> (<c>--x value</c> or <c>--x=value</c>), or null when another token is there.</summary>
    private static string? OptionValue(IReadOnlyList<string> tokens, ref int i, string option)
    {
        if (tokens[i] == option)
        {
            return i + 1 < tokens.Count && tokens[i + 1].Length > 0 ? tokens[++i] : throw MissingValue(option);
        }
        if (tokens[i].StartsWith(option + "=", StringComparison.Ordinal))
        {
            return tokens[i][(option.Length + 1)..] is { Length: > 0 } value ? value : throw MissingValue(option);
        }
        return null;
    }

    private static MeshException MissingValue(string option) => new(MeshErrorCode.InvalidRequest, option == ProgramOption
        ? "mesh run: --bin needs the program to run, e.g. 'mesh run --bin codex'."
        : "mesh run: --mesh needs the mesh to work in, e.g. 'mesh run --mesh team'.");
}
