using System.Text.Json;

namespace AgentMesh.Protocol.Messages;

/// <summary>
/// Several sends, or several answers, in one frame of the send socket: a JSON array whose entries are what a
/// frame alone would hold (<see cref="SendFrame"/> in, <see cref="SendAnswer"/> out). Each entry keeps its own
/// <c>ref</c> and is answered on its own, only once committed. Batching saves one WebSocket message, one
/// system call and one wake-up per send on both sides; it changes nothing about what each send means.
/// </summary>
public static class SendBatch
{
    /// <summary>
    /// A client batches sends into one frame only up to this size: the broker reads a frame this large whole
    /// whatever its configured limit, so a batch is never refused as a whole for its size.
    /// </summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>True when the frame is an array (a batch) rather than one object.</summary>
    public static bool IsBatch(ReadOnlySpan<byte> frame) => frame.TrimStart(" \t\r\n"u8) is [(byte)'[', ..];

    /// <summary>
    /// The byte ranges of a batch's entries, in order, into <paramref name="entries"/>. Returns the offset where
    /// the batch stops being valid JSON (everything from there on is one damaged entry), or null when it is whole.
    /// </summary>
    public static int? Split(ReadOnlySpan<byte> frame, List<Range> entries)
    {
        var damagedAt = SplitUntilDamage(frame, entries);
        return damagedAt is { } at ? at + (frame[at..].Length - frame[at..].TrimStart(" \t\r\n,"u8).Length) : null;
    }

    private static int? SplitUntilDamage(ReadOnlySpan<byte> frame, List<Range> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var reader = new Utf8JsonReader(frame);
        var start = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return 0;
            }
            start = (int)reader.BytesConsumed;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return start;
                }
                entries.Add(start..(int)reader.BytesConsumed);
                start = (int)reader.BytesConsumed;
            }
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                return start;
            }
            // Anything after the closing bracket is damage too (a valid frame is exactly one JSON value).
            start = (int)reader.BytesConsumed;
            return reader.Read() ? start : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return start; // bad JSON or a string that is not valid UTF-8: the entries before it stand
        }
    }

    /// <summary>Reads an answer frame: one <see cref="SendAnswer"/> object, or an array of them.</summary>
    public static void ReadAnswers(ReadOnlySpan<byte> frame, List<SendAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read())
        {
            throw new JsonException("The answer frame is empty.");
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            answers.Add(JsonSerializer.Deserialize(ref reader, MeshJsonContext.Default.SendAnswer)
                ?? throw new JsonException("The answer frame is JSON null."));
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            answers.Add(JsonSerializer.Deserialize(ref reader, MeshJsonContext.Default.SendAnswer)
                ?? throw new JsonException("An answer in the frame is JSON null."));
        }
    }
}
