using System.Text.Json.Serialization;

namespace AgentMesh.Setup;

/// <summary>What happened to one file.</summary>
public enum SetupFileOutcome
{
    /// <summary>The file did not exist and was written.</summary>
    [JsonStringEnumMemberName("created")]
    Created,

    /// <summary>Our entry or block was added or brought up to date.</summary>
    [JsonStringEnumMemberName("updated")]
    Updated,

    /// <summary>Already as wanted; not written.</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>Our entry or block was taken out; the rest of the file stays.</summary>
    [JsonStringEnumMemberName("removed")]
    Removed,

    /// <summary>The file held nothing but ours and was deleted.</summary>
    [JsonStringEnumMemberName("deleted")]
    Deleted,

    /// <summary>Nothing of ours was there to remove.</summary>
    [JsonStringEnumMemberName("absent")]
    Absent,
}
