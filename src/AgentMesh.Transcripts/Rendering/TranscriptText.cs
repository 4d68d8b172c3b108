using System.Globalization;
using System.Text;
using AgentMesh.Transcripts.Search;
using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts.Rendering;

/// <summary>
/// Turns and search hits as plain text, the same for people (<c>mesh transcript</c>) and models (the MCP
/// tools). The text came from another session: callers render it as text, never as markup.
/// </summary>
public static class TranscriptText
{
    public const string MatchOpen = "«";
    public const string MatchClose = "»";

    public static string Turn(TranscriptTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = new StringBuilder();
        text.Append(Header(turn.Index, turn.StartedAt)).Append('\n');
        text.Append(turn.Prompt is null ? "(before the first prompt)\n" : Indented("› ", turn.Prompt));
        foreach (var item in turn.Items)
        {
            text.Append(item.Kind switch
            {
                TranscriptItemKind.Text => Indented("● ", item.Text),
                TranscriptItemKind.Thinking => Indented("✻ thinking: ", item.Text),
                TranscriptItemKind.ToolUse => Indented($"● {item.Tool} ", item.Text),
                TranscriptItemKind.ToolResult => Indented(item.IsError == true ? "  ⎿ error: " : "  ⎿ ", item.Text),
                _ => Indented("· ", item.Text),
            });
        }
        return text.ToString();
    }

    public static string Turns(IEnumerable<TranscriptTurn> turns) => string.Join("\n", turns.Select(Turn));

    /// <summary>A hit: the turn's header and prompt, then each match as an excerpt with the match between «».</summary>
    public static string Hit(TranscriptSearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var text = new StringBuilder();
        text.Append(Header(hit.Index, hit.StartedAt)).Append('\n');
        if (hit.Prompt is { } prompt)
        {
            text.Append("› ").Append(prompt).Append('\n');
        }
        foreach (var match in hit.Matches)
        {
            var where = match.Tool is null ? match.Where : $"{match.Where} {match.Tool}";
            text.Append("  ").Append(where).Append(": ").Append(Marked(match)).Append('\n');
        }
        if (hit.MoreMatches > 0)
        {
            text.Append("  (").Append(hit.MoreMatches).Append(" more match").Append(hit.MoreMatches == 1 ? "" : "es").Append(" in this turn)\n");
        }
        return text.ToString();
    }

    public static string Marked(TranscriptMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var excerpt = match.Excerpt;
        return new StringBuilder(excerpt.Length + 2)
            .Append(excerpt, 0, match.MatchStart).Append(MatchOpen)
            .Append(excerpt, match.MatchStart, match.MatchLength).Append(MatchClose)
            .Append(excerpt, match.MatchStart + match.MatchLength, excerpt.Length - match.MatchStart - match.MatchLength)
            .ToString();
    }

    public static string Header(int index, DateTimeOffset? startedAt) =>
        startedAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"── turn {index} · {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ──")
            : $"── turn {index} ──";

    /// <summary>The first line after <paramref name="marker"/>; the others indented under it.</summary>
    private static string Indented(string marker, string text)
    {
        var pad = new string(' ', Math.Min(marker.Length, 4));
        var lines = text.TrimEnd('\n', '\r').ReplaceLineEndings("\n").Split('\n');
        var result = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            result.Append(i == 0 ? marker : pad).Append(lines[i]).Append('\n');
        }
        return result.ToString();
    }
}
