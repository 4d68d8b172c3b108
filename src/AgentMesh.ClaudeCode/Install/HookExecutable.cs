namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// <c>mesh-hook</c>, the small executable for Claude Code's hooks and statusline (src/AgentMesh.HookHost): installed
/// next to <c>mesh</c>, <c>mesh install</c> writes it into the hook commands instead of <c>mesh hook &lt;event&gt;</c>.
/// </summary>
public static class HookExecutable
{
    public const string FileName = "mesh-hook";

    /// <summary>The absolute path of an executable <c>mesh-hook</c> in <paramref name="folder"/>, or null when there is none.</summary>
    public static string? In(string? folder)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(folder, OperatingSystem.IsWindows() ? FileName + ".exe" : FileName));
        if (!File.Exists(path))
        {
            return null;
        }
        const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & Executable) != 0 ? path : null;
    }
}
