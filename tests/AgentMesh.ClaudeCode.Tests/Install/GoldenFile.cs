using System.Runtime.CompilerServices;

namespace AgentMesh.ClaudeCode.Tests.Install;

/// <summary>
/// Expected file contents under <c>Golden/&lt;name&gt;.golden</c>, compared byte for byte; run with
/// <c>MESH_UPDATE_GOLDEN=1</c> to rewrite them from the current output.
/// </summary>
internal static class GoldenFile
{
    private static readonly string _root = Root();

    public static void AssertBytes(string name, byte[] actual)
    {
        var path = Path.Combine(_root, name + ".golden");
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!); // under _root
            File.WriteAllBytes(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run the tests with MESH_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path), System.Text.Encoding.UTF8.GetString(actual));
        Assert.Equal(File.ReadAllBytes(path), actual);
    }

    private static string Root([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source))!, "Golden"); // …/AgentMesh.ClaudeCode.Tests/Install/GoldenFile.cs
}
