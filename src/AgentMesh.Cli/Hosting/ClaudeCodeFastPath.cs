using AgentMesh.ClaudeCode;
using AgentMesh.ClaudeCode.Hooks;

namespace AgentMesh.Cli.Hosting;

/// <summary>
/// Claude Code runs <c>mesh hook &lt;event&gt;</c> on every prompt and every stop, and <c>mesh statusline</c> after
/// every message; each run is a fresh process, so start-up time is the hook's cost. These exact command lines
/// go straight to <see cref="ClaudeCodeCommand"/>, without building the command tree or the Spectre consoles (and
/// loading their assemblies). Anything else — extra options, <c>--help</c> — goes through the normal parser.
/// The <c>mesh-hook</c> executable (src/AgentMesh.HookHost) is the faster way to the same code.
/// </summary>
internal static class ClaudeCodeFastPath
{
    public static bool Matches(string[] args) =>
        args is [ClaudeCodeCommand.Statusline] || (args is ["hook", var hookEvent] && HookRunner.IsEvent(hookEvent));

    public static int Run(string[] args) => ClaudeCodeCommand.Run(args[^1], CancellationToken.None);
}
