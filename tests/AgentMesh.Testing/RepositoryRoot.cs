using System.Runtime.CompilerServices;

namespace AgentMesh.Testing;

/// <summary>
/// The repository's root folder (the one holding AgentMesh.slnx). Found from this source file's compile-time
/// path, so it works wherever the build put the binaries (--artifacts-path included).
/// </summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(System.IO.Path.GetDirectoryName(sourceFile) ?? "."); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AgentMesh.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No AgentMesh.slnx above {sourceFile}.");
    }
}
