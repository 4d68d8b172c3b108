using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts.Reading;

/// <summary>What one transcript line contributes: a new prompt (which starts a turn), or items of the current turn.</summary>
internal sealed record TranscriptEntry(string? Prompt, DateTimeOffset? Timestamp, IReadOnlyList<TranscriptItem> Items)
{
    public bool StartsTurn => Prompt is not null;
}
