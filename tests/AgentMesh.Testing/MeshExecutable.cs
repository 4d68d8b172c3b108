namespace AgentMesh.Testing;

/// <summary>
/// The real <c>mesh</c> CLI for tests that run it as a process. A test project's ProjectReference to the Cli
/// builds it into the same artifacts tree (<c>bin/&lt;TestProject&gt;/debug</c> → <c>bin/AgentMesh.Cli/debug/mesh.dll</c>).
/// </summary>
public static class MeshExecutable
{
    public static string MeshDll()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        if (own.Parent?.Parent is { } bin)
        {
            candidates.Add(Path.Combine(bin.FullName, "AgentMesh.Cli", own.Name, "mesh.dll"));
        }
        candidates.Add(Path.Combine(own.FullName, "mesh.dll"));
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException("mesh.dll was not built; looked at " + string.Join(", ", candidates));
    }

    /// <summary>The <c>dotnet</c> host running these tests, to run mesh.dll with the same runtime.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
