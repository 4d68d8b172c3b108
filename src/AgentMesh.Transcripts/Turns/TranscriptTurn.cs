namespace AgentMesh.Transcripts.Turns;

/// <summary>
/// One turn of a session: a user prompt and everything that happened until the next prompt (the model's
/// text, its tool calls and their results). Turn 0 holds what came before the first prompt, if anything did.
/// </summary>
public sealed record TranscriptTurn
{
    /// <summary>1 for the first prompt of the transcript, counting every prompt from the start of the file.</summary>
    public required int Index { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>What the user asked; null only for turn 0.</summary>
    public string? Prompt { get; init; }

    public required IReadOnlyList<TranscriptItem> Items { get; init; }

    /// <summary>Bytes redaction cut from this turn (0 when shown raw).</summary>
    public long CutBytes => Items.Sum(i => i.CutBytes ?? 0);
}
