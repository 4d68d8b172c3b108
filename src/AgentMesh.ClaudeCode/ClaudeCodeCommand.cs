using System.Text;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Statusline;
using AgentMesh.Client;

namespace AgentMesh.ClaudeCode;

/// <summary>
/// One process run of what Claude Code starts: a hook event (<see cref="HookRunner"/>) or the statusline
/// (<see cref="StatuslineRenderer"/>), on the console's streams and the process environment, in the default mesh.
/// The one entry point behind Claude's command lines, whichever program carries them: <c>mesh hook &lt;event&gt;</c>
/// and <c>mesh statusline</c> (the CLI's fast path), or the small <c>mesh-hook &lt;event&gt;</c> executable.
/// </summary>
public static class ClaudeCodeCommand
{
    public const string Statusline = "statusline";

    /// <summary>The hook events and <c>statusline</c>.</summary>
    public static IEnumerable<string> Names => HookRunner.Events.Select(e => e.Event).Append(Statusline);

    public static bool IsCommand(string name) => name == Statusline || HookRunner.IsEvent(name);

    /// <summary>Runs <paramref name="command"/> (see <see cref="IsCommand"/>); always returns 0 (fail open).</summary>
    /// <remarks>
    /// Stdin is read as a plain UTF-8 stream rather than through <see cref="Console.In"/>, whose reads go through
    /// the thread pool (tens of milliseconds to start, on every prompt): the hooks' I/O is synchronous throughout,
    /// and so is this method.
    /// </remarks>
    public static int Run(string command, CancellationToken cancellationToken)
    {
        var environment = Environment(System.Environment.GetEnvironmentVariable, MeshClientOptions.DefaultMesh);
        using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var code = command == Statusline
            ? StatuslineRenderer.Run(stdin, Console.Out, Console.Error, environment, cancellationToken)
            : HookRunner.Run(command, stdin, Console.Out, Console.Error, environment, cancellationToken);
        if (environment.Debug)
        {
            // What this run loaded: a hook that suddenly loads HttpClient or the MCP SDK has lost its start-up diet.
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal);
            Console.Error.WriteLine($"mesh {command}: loaded {string.Join(", ", loaded)}");
        }
        return code;
    }

    public static HookEnvironment Environment(Func<string, string?> variables, string mesh) => new()
    {
        Variables = variables,
        Mesh = mesh,
    };
}
