namespace AgentMesh.Setup;

/// <summary>
/// The program that runs the mesh, as written into client configuration: <c>mesh</c> when it is on the
/// PATH, else its full path, or <c>dotnet /path/mesh.dll</c>. Setup appends <c>mcp [--as NAME]</c>.
/// </summary>
public sealed record McpServerCommand(string Command, IReadOnlyList<string> Arguments)
{
    /// <summary><c>mesh</c>, found on the PATH by the client.</summary>
    public static McpServerCommand OnPath { get; } = new("mesh", []);

    /// <summary>
    /// The command for the running <c>mesh</c> executable: plain <c>mesh</c> when that name on
    /// <paramref name="pathVariable"/> resolves to <paramref name="processPath"/>; the process path itself otherwise;
    /// and <c>dotnet mesh.dll</c> when the process is the <c>dotnet</c> host running <paramref name="entryAssembly"/>.
    /// </summary>
    public static McpServerCommand ForExecutable(string processPath, string? entryAssembly, string? pathVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processPath);
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            && entryAssembly is { Length: > 0 })
        {
            return new McpServerCommand(processPath, [entryAssembly]);
        }
        var self = RealPath(processPath);
        foreach (var folder in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in _executableNames)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    // The first `mesh` on the PATH is what a client would run; only use the short name if it is us.
                    return string.Equals(RealPath(candidate), self, StringComparison.Ordinal) ? OnPath : new McpServerCommand(processPath, []);
                }
            }
        }
        return new McpServerCommand(processPath, []);
    }

    private static readonly string[] _executableNames = OperatingSystem.IsWindows() ? ["mesh.exe", "mesh.cmd", "mesh"] : ["mesh"];

    private static string RealPath(string path)
    {
        var full = new FileInfo(Path.GetFullPath(path));
        return full.LinkTarget is null ? full.FullName : full.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full.FullName;
    }
}
