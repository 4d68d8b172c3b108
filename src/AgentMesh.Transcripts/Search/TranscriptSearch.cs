using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts.Search;

/// <summary>Searches a transcript turn by turn, over the raw text (nothing redacted is out of reach).</summary>
public static class TranscriptSearch
{
    public const int MatchesPerTurn = 3;
    private const int Context = 80;

    public static async Task<TranscriptSearchResult> SearchAsync(string path, TranscriptQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keep = Math.Max(limit, 1);
        var hits = new Queue<TranscriptSearchHit>();
        var matching = 0;
        var total = 0;
        await using (var stream = TranscriptSource.Open(path))
        {
            var options = TranscriptReadOptions.Default with { Raw = true };
            await foreach (var turn in TranscriptReader.ReadTurnsAsync(stream, options, new TranscriptStats(), cancellationToken).ConfigureAwait(false))
            {
                total = turn.Index;
                if (Match(turn, query) is not { } hit)
                {
                    continue;
                }
                matching++;
                if (hits.Count == keep)
                {
                    hits.Dequeue();
                }
                hits.Enqueue(hit);
            }
        }
        return new TranscriptSearchResult
        {
            Path = path,
            Query = query.Text,
            Regex = query.IsRegex,
            Hits = [.. hits],
            MatchingTurns = matching,
            TotalTurns = total,
        };
    }

    /// <summary>The turn as a hit if the query matches its prompt or any item; null otherwise.</summary>
    public static TranscriptSearchHit? Match(TranscriptTurn turn, TranscriptQuery query)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var matches = new List<TranscriptMatch>();
        var more = 0;
        void Try(string where, string? tool, string text)
        {
            if (!query.TryMatch(text, out var start, out var length))
            {
                return;
            }
            if (matches.Count == MatchesPerTurn)
            {
                more++;
                return;
            }
            matches.Add(Excerpt(where, tool, text, start, length));
        }
        if (turn.Prompt is { } prompt)
        {
            Try("prompt", null, prompt);
        }
        foreach (var item in turn.Items)
        {
            Try(item.Kind, item.Tool, item.Text);
        }
        return matches.Count == 0 ? null : new TranscriptSearchHit
        {
            Index = turn.Index,
            StartedAt = turn.StartedAt,
            Prompt = turn.Prompt is null ? null : Shorten(turn.Prompt, 200),
            Matches = matches,
            MoreMatches = more,
        };
    }

    /// <summary>Up to <see cref="Context"/> characters either side of the match, on one line.</summary>
    private static TranscriptMatch Excerpt(string where, string? tool, string text, int start, int length)
    {
        var from = Math.Max(0, start - Context);
        var to = Math.Min(text.Length, start + length + Context);
        var prefix = from > 0 ? "…" : "";
        var excerpt = prefix + OneLine(text[from..to]) + (to < text.Length ? "…" : "");
        return new TranscriptMatch { Where = where, Tool = tool, Excerpt = excerpt, MatchStart = prefix.Length + start - from, MatchLength = length };
    }

    /// <summary>Line breaks and tabs become spaces, one for one, so positions in the text stay valid.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] is '\n' or '\r' or '\t' ? ' ' : source[i];
        }
    });

    internal static string Shorten(string text, int max)
    {
        var line = OneLine(text).Trim();
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }
}
