using System.Text.Json.Serialization;

namespace AgentMesh.Setup;

/// <summary>What <c>mesh setup</c> (or <c>--remove</c>) did, file by file, for the CLI to print or emit as JSON.</summary>
public sealed record SetupResult
{
    public required string Client { get; init; }
    public required SetupScope Scope { get; init; }

    /// <summary>Whether the mesh was being configured (<c>setup</c>) or removed (<c>setup --remove</c>).</summary>
    public required SetupAction Action { get; init; }

    public string? AgentName { get; init; }
    public required IReadOnlyList<SetupFileChange> Files { get; init; }

    /// <summary>Things the user should know, e.g. that a client has no instructions file we write.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>True when at least one file was written, created or deleted.</summary>
    public bool Changed => Files.Any(file => file.Outcome is not (SetupFileOutcome.Unchanged or SetupFileOutcome.Absent));
}

public enum SetupAction
{
    [JsonStringEnumMemberName("apply")]
    Apply,
    [JsonStringEnumMemberName("remove")]
    Remove,
}
