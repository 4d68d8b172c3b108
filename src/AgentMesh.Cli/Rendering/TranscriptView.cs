using System.Globalization;
using AgentMesh.Protocol.Agents;
using AgentMesh.Transcripts;
using AgentMesh.Transcripts.Rendering;
using AgentMesh.Transcripts.Search;
using AgentMesh.Transcripts.Turns;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>
/// Transcripts for people. Everything in a transcript came from another session, so it is written as plain
/// <see cref="Text"/> (the same text the MCP tools give models), never parsed as markup.
/// </summary>
internal static class TranscriptView
{
    private static readonly Style _match = new(Color.Black, Color.Yellow);

    public static void WriteTurns(IAnsiConsole console, IReadOnlyList<TranscriptTurn> turns)
    {
        console.Write(new Text(TranscriptText.Turns(turns)));
    }

    /// <summary>Each hit as <see cref="TranscriptText.Hit"/> renders it, with the matches highlighted as well as marked.</summary>
    public static void WriteHits(IAnsiConsole console, IReadOnlyList<TranscriptSearchHit> hits)
    {
        foreach (var hit in hits)
        {
            var text = TranscriptText.Hit(hit);
            var paragraph = new Paragraph();
            var rest = text.AsSpan();
            foreach (var match in hit.Matches)
            {
                var marked = TranscriptText.Marked(match);
                var at = rest.IndexOf(marked, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }
                var open = at + match.MatchStart;
                var close = open + TranscriptText.MatchOpen.Length + match.MatchLength + TranscriptText.MatchClose.Length;
                paragraph.Append(rest[..open].ToString()).Append(rest[open..close].ToString(), _match);
                rest = rest[close..];
            }
            paragraph.Append(rest.ToString());
            console.Write(paragraph);
            if (hit != hits[^1])
            {
                console.WriteLine();
            }
        }
    }

    public static void WriteSummary(IAnsiConsole console, AgentInfo agent, TranscriptPage page)
    {
        var shown = page.Turns.Count == 0
            ? $"{Who(agent)} has no turns in its transcript yet"
            : page.Turns.Count == 1 ? $"Turn {page.Turns[0].Index} of {page.TotalTurns} of {Who(agent)}"
            : $"Turns {page.Turns[0].Index}–{page.Turns[^1].Index} of {page.TotalTurns} of {Who(agent)}";
        console.MarkupLine($"[grey]{Markup.Escape($"{shown} ({page.Path}).")}[/]");
        if (page.CutBytes > 0)
        {
            WriteCutNote(console, page.CutBytes);
        }
        if (page.SkippedLines > 0)
        {
            console.MarkupLine($"[grey]{page.SkippedLines} unreadable line(s) skipped (not JSON, or still being written).[/]");
        }
    }

    public static void WriteSearchSummary(IAnsiConsole console, AgentInfo agent, TranscriptSearchResult result)
    {
        var line = result.MatchingTurns == 0
            ? $"No turn of {Who(agent)} matches {result.Query} ({result.TotalTurns} turns searched)."
            : result.MatchingTurns > result.Hits.Count
                ? $"{result.MatchingTurns} of {result.TotalTurns} turns of {Who(agent)} match {result.Query}; the last {result.Hits.Count} are shown (-n for more)."
                : $"{result.MatchingTurns} of {result.TotalTurns} turns of {Who(agent)} match {result.Query}. Show one with 'mesh transcript turn {agent.Name} INDEX'.";
        console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
    }

    public static void WriteCutNote(IAnsiConsole console, long cutBytes) =>
        console.MarkupLine($"[grey]{Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{cutBytes:N0} bytes of tool results and file contents were cut at 4 KiB each; --raw shows them whole."))}[/]");

    private static string Who(AgentInfo agent) => $"{agent.Name} ({agent.Id})";
}
