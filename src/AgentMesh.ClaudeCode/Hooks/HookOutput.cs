namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// <c>{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"…"}}</c>: text Claude adds
/// to the model's context. Claude's output fields are camelCase, unlike its input (<see cref="HookOutputWriter"/>).
/// </summary>
public sealed record ContextOutput(HookSpecificOutput HookSpecificOutput);

public sealed record HookSpecificOutput(string HookEventName, string AdditionalContext);

/// <summary><c>{"decision":"block","reason":"…"}</c> from a Stop hook: Claude continues with the reason as its next instruction.</summary>
public sealed record BlockOutput(string Decision, string Reason);
