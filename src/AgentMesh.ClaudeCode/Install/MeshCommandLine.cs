using System.Text;
using System.Text.RegularExpressions;
using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// The shell command lines Claude Code runs for the hooks and the statusline: <c>/abs/mesh-hook &lt;event&gt;</c> when
/// the fast <see cref="HookExecutable"/> sits next to mesh, else the mesh program as <see cref="McpServerCommand"/>
/// resolved it when <c>mesh install</c> ran (plain <c>mesh</c> when that is on the PATH and is us, else an absolute
/// path, or <c>dotnet /abs/mesh.dll</c>) with <c>hook &lt;event&gt;</c>, so the commands still work from any folder
/// later. Parts are quoted for <c>/bin/sh</c> only when they need it.
/// </summary>
public sealed partial class MeshCommandLine(McpServerCommand mesh, string? hookProgram = null)
{
    public McpServerCommand Mesh { get; } = mesh;

    /// <summary>The absolute path of the <c>mesh-hook</c> executable the commands run, or null: they run mesh.</summary>
    public string? HookProgram { get; } = hookProgram;

    public string Hook(string hookEvent) => HookProgram is { } fast ? Quote(fast) + " " + Quote(hookEvent) : Line("hook", hookEvent);

    public string Statusline() => HookProgram is { } fast ? Quote(fast) + " statusline" : Line("statusline");

    private string Line(params string[] arguments)
    {
        var line = new StringBuilder(Quote(Mesh.Command));
        foreach (var argument in Mesh.Arguments.Concat(arguments))
        {
            line.Append(' ').Append(Quote(argument));
        }
        return line.ToString();
    }

    /// <summary>True when the program runs from a build output folder, which a clean or a checkout can remove.</summary>
    public bool RunsFromBuildOutput => Mesh.Arguments.Prepend(Mesh.Command).Append(HookProgram ?? "").Any(part =>
        part.Contains("/artifacts/bin/", StringComparison.Ordinal) || part.Contains("/bin/Debug/", StringComparison.Ordinal) || part.Contains("/bin/Release/", StringComparison.Ordinal));

    /// <summary>A hook command we wrote: <c>… mesh[.dll] hook &lt;event&gt;</c> or <c>…/mesh-hook &lt;event&gt;</c>, however the program was spelled.</summary>
    public static bool IsMeshHook(string command) => HookPattern().IsMatch(command) || FastHookPattern().IsMatch(command);

    /// <summary>A statusline command we wrote: <c>… mesh[.dll] statusline</c> or <c>…/mesh-hook statusline</c>.</summary>
    public static bool IsMeshStatusline(string command) => StatuslinePattern().IsMatch(command);

    public static string Quote(string part) =>
        part.Length > 0 && SafePattern().IsMatch(part) ? part : "'" + part.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex SafePattern();

    [GeneratedRegex(@"(^|[/\s'])mesh(\.dll|\.exe)?'?\s+hook\s+[a-z-]+\s*$")]
    private static partial Regex HookPattern();

    [GeneratedRegex(@"(^|[/\s'])mesh-hook'?\s+(?!statusline)[a-z-]+\s*$")]
    private static partial Regex FastHookPattern();

    [GeneratedRegex(@"(^|[/\s'])mesh(\.dll|\.exe|-hook)?'?\s+statusline\s*$")]
    private static partial Regex StatuslinePattern();
}
