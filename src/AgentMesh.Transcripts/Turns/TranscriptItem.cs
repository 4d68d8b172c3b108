namespace AgentMesh.Transcripts.Turns;

/// <summary>
/// One thing that happened in a turn. <see cref="Text"/> is the model's text or thinking, a tool call's input
/// (compact JSON), a tool's result, or a note from Claude Code itself (<see cref="TranscriptItemKind"/>).
/// </summary>
public sealed record TranscriptItem
{
    public required string Kind { get; init; }

    public required string Text { get; init; }

    /// <summary>The tool called, for tool_use and tool_result (when the call was seen).</summary>
    public string? Tool { get; init; }

    public string? ToolUseId { get; init; }

    /// <summary>True when a tool result reports a failure.</summary>
    public bool? IsError { get; init; }

    /// <summary>How many bytes redaction cut from <see cref="Text"/>; null when nothing was cut.</summary>
    public long? CutBytes { get; init; }
}

/// <summary>The kinds of <see cref="TranscriptItem"/>, as they appear in JSON.</summary>
public static class TranscriptItemKind
{
    public const string Text = "text";
    public const string Thinking = "thinking";
    public const string ToolUse = "tool_use";
    public const string ToolResult = "tool_result";
    public const string System = "system";
}
