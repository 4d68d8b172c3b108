using System.Text.Json.Serialization;

namespace AgentMesh.Setup;

/// <summary>Where a client's configuration is written: for the user (every project) or for one project.</summary>
public enum SetupScope
{
    [JsonStringEnumMemberName("user")]
    User,
    [JsonStringEnumMemberName("project")]
    Project,
}
