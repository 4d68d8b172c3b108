using System.Text.Json;
using System.Text.Json.Serialization;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.ClaudeCode.Statusline;

namespace AgentMesh.ClaudeCode;

/// <summary>
/// Claude Code's hook and statusline JSON (snake_case in; the outputs name their camelCase fields) and the
/// hooks' own state files. Lenient on input: Claude adds fields between versions.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(HookInput))]
[JsonSerializable(typeof(StatuslineInput))]
[JsonSerializable(typeof(ContextOutput))]
[JsonSerializable(typeof(BlockOutput))]
[JsonSerializable(typeof(SessionState))]
internal sealed partial class ClaudeCodeJsonContext : JsonSerializerContext;
