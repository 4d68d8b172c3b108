using System.Runtime.CompilerServices;
using System.Text;

namespace AgentMesh.Setup.Tests.Infrastructure;

/// <summary>
/// Golden files, compared byte for byte. A tree is stored as a folder whose files carry a <c>.golden</c>
/// suffix (so no coding agent mistakes a golden <c>AGENTS.md</c> or <c>.cursor/rules</c> file for its own);
/// an empty tree holds only <c>.empty-tree</c>. Run with <c>MESH_UPDATE_GOLDEN=1</c> to rewrite expected files.
/// </summary>
public static class Golden
{
    private const string Suffix = ".golden";
    private const string EmptyMarker = ".empty-tree";

    public static string Root { get; } = FindRoot();

    public static bool Updating => System.Environment.GetEnvironmentVariable("MESH_UPDATE_GOLDEN") == "1";

    public static bool TreeExists(string relative) => Directory.Exists(Path.Combine(Root, relative));

    public static SortedDictionary<string, byte[]> LoadTree(string relative)
    {
        var folder = Path.Combine(Root, relative);
        var tree = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"No golden tree {folder}; run the tests with MESH_UPDATE_GOLDEN=1 to create it.");
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (name != EmptyMarker)
            {
                tree[name.EndsWith(Suffix, StringComparison.Ordinal) ? name[..^Suffix.Length] : name] = File.ReadAllBytes(file);
            }
        }
        return tree;
    }

    public static void AssertTree(string relative, IReadOnlyDictionary<string, byte[]> actual)
    {
        if (Updating)
        {
            var folder = Path.Combine(Root, relative);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.CreateDirectory(folder);
            foreach (var (name, bytes) in actual)
            {
                var path = Path.Combine(folder, name + Suffix);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!); // under folder
                File.WriteAllBytes(path, bytes);
            }
            if (actual.Count == 0)
            {
                File.WriteAllText(Path.Combine(folder, EmptyMarker), "");
            }
            return;
        }
        var expected = LoadTree(relative);
        Assert.Equal(expected.Keys, actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]),
                $"{relative}/{name} differs from its golden file.\n--- expected\n{Encoding.UTF8.GetString(bytes)}\n--- actual\n{Encoding.UTF8.GetString(actual[name])}");
        }
    }

    public static void AssertText(string relative, string actual)
    {
        var path = Path.Combine(Root, relative + Suffix);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!); // under Root
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run the tests with MESH_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string FindRoot([CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(sourceFile))!, "Golden"); // …/AgentMesh.Setup.Tests/Infrastructure/Golden.cs
}
