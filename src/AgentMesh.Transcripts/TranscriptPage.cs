using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts;

/// <summary>The last turns of a transcript, and how many there are in all.</summary>
public sealed record TranscriptPage
{
    public required string Path { get; init; }

    /// <summary>Oldest first.</summary>
    public required IReadOnlyList<TranscriptTurn> Turns { get; init; }

    /// <summary>The number of the last turn (prompts from the start of the file).</summary>
    public required int TotalTurns { get; init; }

    public int SkippedLines { get; init; }

    public long CutBytes => Turns.Sum(t => t.CutBytes);
}
