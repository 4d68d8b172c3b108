using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>The JSON of <c>mesh install --json</c> and <c>mesh uninstall --json</c>: snake_case, outcomes as lowercase strings.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(InstallResult))]
public sealed partial class InstallJsonContext : JsonSerializerContext;
