namespace AgentMesh.Transcripts;

/// <summary>What a read went through: lines read, and those skipped because they were not JSON or too long.</summary>
public sealed class TranscriptStats
{
    public int Lines { get; internal set; }

    /// <summary>Lines that were not JSON (garbage, or a last line still being written) or were over the length limit.</summary>
    public int SkippedLines { get; internal set; }
}
