using System.Text;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Statusline;
using AgentMesh.Client;
using Microsoft.Win32.SafeHandles;

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
    /// Stdin is read as a plain UTF-8 stream on file descriptor 0 rather than through <see cref="Console"/>, whose
    /// set-up (and whose asynchronous reads, which go through the thread pool) a hook would pay on every prompt; the
    /// console's writers are opened only if something is written. The hooks' I/O is synchronous throughout.
    /// </remarks>
    public static int Run(string command, CancellationToken cancellationToken)
    {
        Func<string, string?> variables = System.Environment.GetEnvironmentVariable;
        var environment = Environment(variables, MeshClientOptions.MeshFrom(variables)); // MESH_MESH: set by `mesh run --mesh`
        using var stdin = new StreamReader(OpenStdin(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var stdout = new DeferredWriter(static () => Console.Out);
        var stderr = new DeferredWriter(static () => Console.Error);
        var code = command == Statusline
            ? StatuslineRenderer.Run(stdin, stdout, stderr, environment, cancellationToken)
            : HookRunner.Run(command, stdin, stdout, stderr, environment, cancellationToken);
        if (environment.Debug)
        {
            // What this run loaded: a hook that suddenly loads HttpClient or the MCP SDK has lost its start-up diet.
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal);
            stderr.WriteLine($"mesh {command}: loaded {string.Join(", ", loaded)}");
        }
        stdout.Flush();
        stderr.Flush();
        return code;
    }

    /// <summary>File descriptor 0 as a stream; no stdin at all (a closed descriptor) reads as empty, and the hook does nothing.</summary>
    private static Stream OpenStdin()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.OpenStandardInput(); // handle 0 is not stdin there
        }
        try
        {
            return new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return Stream.Null;
        }
    }

    public static HookEnvironment Environment(Func<string, string?> variables, string mesh) => new()
    {
        Variables = variables,
        Mesh = mesh,
    };
}
