using AgentMesh.Transcripts.Redaction;

namespace AgentMesh.Transcripts;

/// <summary>How a transcript is read: redacted (the default) or raw, and the longest line worth parsing.</summary>
public sealed record TranscriptReadOptions
{
    public static TranscriptReadOptions Default { get; } = new();

    /// <summary>True: nothing is cut. False: tool results and file contents are cut at <see cref="RedactAboveBytes"/>.</summary>
    public bool Raw { get; init; }

    public int RedactAboveBytes { get; init; } = Redactor.DefaultLimitBytes;

    /// <summary>Longer lines are skipped unread, so a corrupt file cannot exhaust memory.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024 * 1024;

    internal Redactor CreateRedactor() => new(RedactAboveBytes, Raw);
}
