using System.Runtime.CompilerServices;
using AgentMesh.Protocol.Errors;
using AgentMesh.Transcripts.Reading;
using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts;

/// <summary>
/// Reads a Claude Code transcript (JSON lines) as turns, front to back, streaming: whatever the file's size,
/// memory holds one line and the turns the caller keeps. Turn numbers count prompts from the start of the
/// file, so they stay the same between reads (reading from the end could not number them).
/// </summary>
public static class TranscriptReader
{
    /// <summary>Every turn of the stream, each once it is complete; the last one at the end of the stream.</summary>
    public static async IAsyncEnumerable<TranscriptTurn> ReadTurnsAsync(
        Stream stream, TranscriptReadOptions options, TranscriptStats stats, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stats);
        var redactor = options.CreateRedactor();
        var grouper = new TurnGrouper();
        await foreach (var line in JsonLineReader.ReadAsync(stream, options.MaxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            stats.Lines++;
            if (line.Oversized)
            {
                stats.SkippedLines++;
                continue;
            }
            if (line.Bytes.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }
            var entry = TranscriptLineParser.Parse(line.Bytes, redactor, out var unreadable);
            if (unreadable)
            {
                stats.SkippedLines++;
            }
            if (entry is not null && grouper.Add(entry) is { } completed)
            {
                yield return completed;
            }
        }
        if (grouper.Finish() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>The last <paramref name="count"/> turns of the file.</summary>
    public static async Task<TranscriptPage> ReadLastAsync(string path, int count, TranscriptReadOptions options, CancellationToken cancellationToken)
    {
        var keep = Math.Max(count, 1);
        var turns = new Queue<TranscriptTurn>(Math.Min(keep, 64));
        var stats = new TranscriptStats();
        var total = 0;
        await using (var stream = TranscriptSource.Open(path))
        {
            await foreach (var turn in ReadTurnsAsync(stream, options, stats, cancellationToken).ConfigureAwait(false))
            {
                total = turn.Index;
                if (turns.Count == keep)
                {
                    turns.Dequeue();
                }
                turns.Enqueue(turn);
            }
        }
        return new TranscriptPage { Path = path, Turns = [.. turns], TotalTurns = total, SkippedLines = stats.SkippedLines };
    }

    /// <summary>Turn <paramref name="index"/> (0 is what came before the first prompt); reading stops right after it.</summary>
    public static async Task<TranscriptTurn> ReadTurnAsync(string path, int index, TranscriptReadOptions options, CancellationToken cancellationToken)
    {
        var stats = new TranscriptStats();
        var last = -1;
        var first = -1;
        await using (var stream = TranscriptSource.Open(path))
        {
            await foreach (var turn in ReadTurnsAsync(stream, options, stats, cancellationToken).ConfigureAwait(false))
            {
                if (turn.Index == index)
                {
                    return turn;
                }
                first = first < 0 ? turn.Index : first;
                last = turn.Index;
            }
        }
        throw new MeshException(MeshErrorCode.NotFound, last < 0
            ? $"Turn {index} does not exist: the transcript has no turns yet."
            : $"Turn {index} does not exist: the transcript has turns {first} to {last}.");
    }
}
