using System.Text.Json.Serialization;

namespace AgentMesh.Setup;

/// <summary>One file setup looked at.</summary>
/// <param name="Path">The file, as the client names it (a symlink stays a symlink).</param>
/// <param name="Kind">Configuration or instructions.</param>
/// <param name="Outcome">What happened to it.</param>
/// <param name="BackupPath">The backup made by this run before the file's first change; null when none was needed
/// (the file was new, held nothing but ours, or already had a backup).</param>
public sealed record SetupFileChange(string Path, SetupFileKind Kind, SetupFileOutcome Outcome, string? BackupPath = null);

public enum SetupFileKind
{
    /// <summary>The client's MCP server configuration.</summary>
    [JsonStringEnumMemberName("config")]
    Config,

    /// <summary>The file telling the agent how to use the mesh.</summary>
    [JsonStringEnumMemberName("instructions")]
    Instructions,
}
