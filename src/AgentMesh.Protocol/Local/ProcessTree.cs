using System.Globalization;

namespace AgentMesh.Protocol.Local;

/// <summary>Parent and ancestor lookups through Linux procfs; null/false where there is no procfs (macOS, Windows).</summary>
public static class ProcessTree
{
    /// <summary>The parent pid of <paramref name="pid"/>, or null when it is unknown (no such process, no procfs).</summary>
    public static int? ParentOf(int pid) =>
        StatFields(pid) is { Length: > 1 } fields && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) && parent > 0
            ? parent
            : null;

    /// <summary>
    /// Whether <paramref name="pid"/> still runs: it exists and is not a zombie (a process that exited but whose
    /// parent has not collected it yet, as tmux does with a dead pane kept by remain-on-exit). True where there is
    /// no procfs: nothing is assumed dead there.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }
        return StatFields(pid) is [var state, ..] && state is not ("Z" or "X" or "x");
    }

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name (state first, then the parent pid, …), or null.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is <paramref name="ancestor"/> itself or runs somewhere below it.</summary>
    public static bool IsSelfOrDescendant(int pid, int ancestor)
    {
        for (var (current, hops) = (pid, 0); current > 1 && hops < 32; hops++)
        {
            if (current == ancestor)
            {
                return true;
            }
            if (ParentOf(current) is not { } parent)
            {
                return false;
            }
            current = parent;
        }
        return false;
    }

    /// <summary>The short command name of <paramref name="pid"/> (<c>/proc/PID/comm</c>), or null.</summary>
    public static string? CommandName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
