namespace AgentMesh.Terminal.Pty;

/// <summary>Finds a program the way a shell does: a name with a slash as given, otherwise the first executable match on PATH.</summary>
public static class ProgramPath
{
    public static string? Resolve(string program, string? path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(program) ? Path.GetFullPath(program) : null;
        }
        foreach (var directory in (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (IsExecutable(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}
