namespace AgentMesh.LoadGen.Broker;

/// <summary>
/// Finds the <c>dotnet</c> host and the built CLI (<c>mesh.dll</c>). The load generator's project builds the
/// CLI too, into the same artifacts tree, so the first guess is the sibling folder of this tool's own output
/// (<c>bin/AgentMesh.LoadGen/release</c> → <c>bin/AgentMesh.Cli/release</c>); then the repository's artifacts.
/// </summary>
internal static class MeshCli
{
    public static string FindDll(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new FileNotFoundException($"--mesh-dll {explicitPath} does not exist.");
        }
        var candidates = new List<string>();
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (own.Parent?.Parent is { } bin)
        {
            candidates.Add(Path.Combine(bin.FullName, "AgentMesh.Cli", own.Name, "mesh.dll"));
        }
        foreach (var root in RepositoryRoots())
        {
            candidates.Add(Path.Combine(root, "artifacts", "bin", "AgentMesh.Cli", "release", "mesh.dll"));
            candidates.Add(Path.Combine(root, "artifacts", "bin", "AgentMesh.Cli", "debug", "mesh.dll"));
        }
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "No built mesh.dll found (looked at " + string.Join(", ", candidates) + "). Build src/AgentMesh.Cli in Release or pass --mesh-dll.");
    }

    /// <summary>The dotnet host: the one the SDK ran us with, else this process if it is dotnet, else dotnet on PATH.</summary>
    public static string FindDotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }
        return "dotnet";
    }

    private static IEnumerable<string> RepositoryRoots()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AgentMesh.slnx")))
                {
                    yield return dir.FullName;
                    break;
                }
            }
        }
    }
}
