using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.Setup;

/// <summary>The JSON of <c>mesh setup --json</c> and <c>mesh setup --list --json</c>: snake_case, enums as lowercase
/// strings (see <see cref="JsonStringEnumMemberNameAttribute"/> on each member), nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SetupResult))]
[JsonSerializable(typeof(SetupListing))]
public sealed partial class SetupJsonContext : JsonSerializerContext;
