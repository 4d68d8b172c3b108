namespace AgentMesh.Transcripts.Search;

/// <summary>Turns that match a query: the most recent <c>limit</c> of them, oldest first.</summary>
public sealed record TranscriptSearchResult
{
    public required string Path { get; init; }
    public required string Query { get; init; }
    public required bool Regex { get; init; }
    public required IReadOnlyList<TranscriptSearchHit> Hits { get; init; }

    /// <summary>All matching turns, including those beyond the limit.</summary>
    public required int MatchingTurns { get; init; }

    public required int TotalTurns { get; init; }
}

/// <summary>One matching turn: its number and prompt, and where in it the query matched.</summary>
public sealed record TranscriptSearchHit
{
    public required int Index { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string? Prompt { get; init; }
    public required IReadOnlyList<TranscriptMatch> Matches { get; init; }

    /// <summary>Further matching places in the turn that are not listed.</summary>
    public int MoreMatches { get; init; }
}

/// <summary>
/// One match: where (the prompt, or the kind of item and its tool), an excerpt on one line around it, and the
/// match's position in the excerpt.
/// </summary>
public sealed record TranscriptMatch
{
    /// <summary>"prompt", or an item kind (text, thinking, tool_use, tool_result, system).</summary>
    public required string Where { get; init; }
    public string? Tool { get; init; }
    public required string Excerpt { get; init; }
    public required int MatchStart { get; init; }
    public required int MatchLength { get; init; }
}
