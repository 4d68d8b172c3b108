using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Statusline;
using AgentMesh.Client;

namespace AgentMesh.Cli.Hosting;

/// <summary>
/// Claude Code runs <c>mesh hook &lt;event&gt;</c> on every prompt and every stop, and <c>mesh statusline</c> after
/// every message; each run is a fresh process, so start-up time is the hook's cost. These exact command lines
/// go straight to their handler, without building the command tree or the Spectre consoles (and loading their
/// assemblies). Anything else — extra options, <c>--help</c> — goes through the normal parser.
/// </summary>
internal static class ClaudeCodeFastPath
{
    public static bool Matches(string[] args) =>
        args is ["statusline"] || (args is ["hook", var hookEvent] && HookRunner.IsEvent(hookEvent));

    public static Task<int> RunAsync(string[] args) => args is ["hook", var hookEvent]
        ? HookRunner.RunAsync(hookEvent, Console.In, Console.Out, Console.Error, Environment(System.Environment.GetEnvironmentVariable, MeshClientOptions.DefaultMesh), CancellationToken.None)
        : StatuslineRenderer.RunAsync(Console.In, Console.Out, Console.Error, Environment(System.Environment.GetEnvironmentVariable, MeshClientOptions.DefaultMesh), CancellationToken.None);

    public static HookEnvironment Environment(Func<string, string?> variables, string mesh) => new()
    {
        Variables = variables,
        Mesh = mesh,
    };
}
