using System.Text.Json.Serialization;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// <c>{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"…"}}</c>: text Claude adds
/// to the model's context. Claude's output fields are camelCase, unlike its input.
/// </summary>
public sealed record ContextOutput([property: JsonPropertyName("hookSpecificOutput")] HookSpecificOutput HookSpecificOutput);

public sealed record HookSpecificOutput(
    [property: JsonPropertyName("hookEventName")] string HookEventName,
    [property: JsonPropertyName("additionalContext")] string AdditionalContext);

/// <summary><c>{"decision":"block","reason":"…"}</c> from a Stop hook: Claude continues with the reason as its next instruction.</summary>
public sealed record BlockOutput(
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("reason")] string Reason);
