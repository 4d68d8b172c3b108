using System.Text.Json;
using AgentMesh.Testing;

namespace AgentMesh.Transcripts.Tests;

/// <summary>Where the recorded transcripts and goldens live, and golden comparison (MESH_UPDATE_GOLDEN=1 rewrites).</summary>
internal static class TestFiles
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "AgentMesh.Transcripts.Tests");

    public static string Recorded(string name) => Path.Combine(Folder, "Recorded", name + ".jsonl");

    public static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(Folder, "Golden", name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with MESH_UPDATE_GOLDEN=1.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>A transcript file made of the given lines (each followed by a newline unless <paramref name="unterminatedLast"/>).</summary>
    public static string Write(TempDirectory folder, IEnumerable<string> lines, bool unterminatedLast = false)
    {
        var path = Path.Combine(folder.Path, Guid.NewGuid().ToString("N") + ".jsonl");
        var text = string.Join("\n", lines);
        File.WriteAllText(path, unterminatedLast || text.Length == 0 ? text : text + "\n");
        return path;
    }

    public static string User(string prompt, string at = "2026-11-21T10:00:00Z") =>
        JsonSerializer.Serialize(new { type = "user", timestamp = at, message = new { role = "user", content = prompt } });

    public static string Assistant(string text) =>
        JsonSerializer.Serialize(new { type = "assistant", message = new { role = "assistant", content = new object[] { new { type = "text", text } } } });

    public static string ToolUse(string id, string name, object input) =>
        JsonSerializer.Serialize(new { type = "assistant", message = new { role = "assistant", content = new object[] { new { type = "tool_use", id, name, input } } } });

    public static string ToolResult(string id, string content, bool isError = false) =>
        JsonSerializer.Serialize(new { type = "user", message = new { role = "user", content = new object[] { new { type = "tool_result", tool_use_id = id, content, is_error = isError } } } });
}
