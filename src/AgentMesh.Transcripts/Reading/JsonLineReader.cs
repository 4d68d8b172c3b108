using System.Runtime.CompilerServices;

namespace AgentMesh.Transcripts.Reading;

/// <summary>
/// Splits a stream into lines, holding at most one line (plus the read buffer) in memory, so a transcript of
/// any size is streamed. A line longer than the limit is skipped to its newline instead of growing the buffer
/// without bound.
/// </summary>
internal static class JsonLineReader
{
    private const int InitialBuffer = 64 * 1024;

    public static async IAsyncEnumerable<JsonLine> ReadAsync(Stream stream, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(InitialBuffer, maxLineBytes)];
        int start = 0, end = 0, scanned = 0;
        var discarding = false;
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanned + newline;
                yield return discarding
                    ? new JsonLine(ReadOnlyMemory<byte>.Empty, Terminated: true, Oversized: true)
                    : new JsonLine(TrimCarriageReturn(buffer.AsMemory(start, lineEnd - start)), Terminated: true, Oversized: false);
                discarding = false;
                start = scanned = lineEnd + 1;
                continue;
            }
            scanned = end;
            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buffer.Length)
            {
                if (buffer.Length >= maxLineBytes)
                {
                    // Too long to hold: forget what we have and skip to the next newline.
                    discarding = true;
                    end = scanned = 0;
                }
                else
                {
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes));
                }
            }
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (discarding)
                {
                    yield return new JsonLine(ReadOnlyMemory<byte>.Empty, Terminated: false, Oversized: true);
                }
                else if (end > start)
                {
                    yield return new JsonLine(TrimCarriageReturn(buffer.AsMemory(start, end - start)), Terminated: false, Oversized: false);
                }
                yield break;
            }
            end += read;
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
