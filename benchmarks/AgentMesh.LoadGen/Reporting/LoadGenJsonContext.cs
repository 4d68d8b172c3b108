using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.LoadGen.Reporting;

/// <summary>The report's JSON shape (<c>--json</c>): snake_case like the broker's own wire format.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LoadGenJsonContext : JsonSerializerContext;
