namespace AgentMesh.Testing;

/// <summary>
/// The real <c>mesh</c> CLI (and <c>mesh-hook</c>) for tests that run it as a process. A test project's ProjectReference
/// to the Cli builds it into the same artifacts tree (<c>bin/&lt;TestProject&gt;/debug</c> → <c>bin/AgentMesh.Cli/debug/mesh.dll</c>).
/// </summary>
public static class MeshExecutable
{
    public static string MeshDll() => Built("AgentMesh.Cli", "mesh.dll");

    /// <summary>The framework-dependent build of <c>mesh-hook</c> (src/AgentMesh.HookHost), run through <see cref="DotnetHost"/>.</summary>
    public static string MeshHookDll() => Built("AgentMesh.HookHost", "mesh-hook.dll");

    private static string Built(string project, string dll)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        if (own.Parent?.Parent is { } bin)
        {
            candidates.Add(Path.Combine(bin.FullName, project, own.Name, dll));
        }
        candidates.Add(Path.Combine(own.FullName, dll));
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException($"{dll} was not built; looked at " + string.Join(", ", candidates));
    }

    /// <summary>The <c>dotnet</c> host running these tests, to run mesh.dll with the same runtime.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
