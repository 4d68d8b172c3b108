using System.Text;
using System.Text.RegularExpressions;
using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// The shell command lines Claude Code runs for the hooks and the statusline: the mesh program as
/// <see cref="McpServerCommand"/> resolved it when <c>mesh install</c> ran (plain <c>mesh</c> when that is on the
/// PATH and is us, else an absolute path, or <c>dotnet /abs/mesh.dll</c>), so the commands still work from any
/// folder later. Parts are quoted for <c>/bin/sh</c> only when they need it.
/// </summary>
public sealed partial class MeshCommandLine(McpServerCommand mesh)
{
    public McpServerCommand Mesh { get; } = mesh;

    public string Hook(string hookEvent) => Line("hook", hookEvent);

    public string Statusline() => Line("statusline");

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
    public bool RunsFromBuildOutput => Mesh.Arguments.Prepend(Mesh.Command).Any(part =>
        part.Contains("/artifacts/bin/", StringComparison.Ordinal) || part.Contains("/bin/Debug/", StringComparison.Ordinal) || part.Contains("/bin/Release/", StringComparison.Ordinal));

    /// <summary>A hook command we wrote: <c>… mesh[.dll] hook &lt;event&gt;</c>, however the program was spelled.</summary>
    public static bool IsMeshHook(string command) => HookPattern().IsMatch(command);

    /// <summary>A statusline command we wrote: <c>… mesh[.dll] statusline</c>.</summary>
    public static bool IsMeshStatusline(string command) => StatuslinePattern().IsMatch(command);

    public static string Quote(string part) =>
        part.Length > 0 && SafePattern().IsMatch(part) ? part : "'" + part.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex SafePattern();

    [GeneratedRegex(@"(^|[/\s'])mesh(\.dll|\.exe)?'?\s+hook\s+[a-z-]+\s*$")]
    private static partial Regex HookPattern();

    [GeneratedRegex(@"(^|[/\s'])mesh(\.dll|\.exe)?'?\s+statusline\s*$")]
    private static partial Regex StatuslinePattern();
}
