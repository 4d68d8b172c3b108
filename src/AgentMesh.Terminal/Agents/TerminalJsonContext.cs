using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.Terminal.Agents;

/// <summary>The JSON of tmux agent state files and of <c>mesh agent list --json</c>: snake_case, like the wire.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(TmuxAgentState))]
[JsonSerializable(typeof(TmuxAgentList))]
public sealed partial class TerminalJsonContext : JsonSerializerContext;
