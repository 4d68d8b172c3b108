using System.Globalization;
using System.Text;

namespace AgentMesh.Transcripts.Redaction;

/// <summary>
/// Cuts tool results and file contents to their first <see cref="LimitBytes"/> bytes of UTF-8, saying how
/// much was cut, so one big file read does not drown a turn. Raw reading cuts nothing.
/// </summary>
public sealed class Redactor(int limitBytes, bool raw)
{
    public const int DefaultLimitBytes = 4096;

    public static Redactor Raw { get; } = new(DefaultLimitBytes, raw: true);

    public int LimitBytes { get; } = limitBytes;

    public bool IsRaw { get; } = raw;

    /// <summary>The text, or its head plus a note of what was cut; <paramref name="cutBytes"/> is 0 when nothing was.</summary>
    public string Cut(string text, out long cutBytes)
    {
        cutBytes = 0;
        if (IsRaw || text.Length <= LimitBytes / 4)
        {
            return text;
        }
        var total = Encoding.UTF8.GetByteCount(text);
        if (total <= LimitBytes)
        {
            return text;
        }
        var keep = HeadLength(text, LimitBytes);
        cutBytes = total - Encoding.UTF8.GetByteCount(text.AsSpan(0, keep));
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, keep)}\n[… {cutBytes:N0} of {total:N0} bytes cut]");
    }

    /// <summary>How many chars of <paramref name="text"/> fit in <paramref name="bytes"/> of UTF-8, never splitting a surrogate pair.</summary>
    private static int HeadLength(string text, int bytes)
    {
        var used = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (used + size > bytes)
            {
                break;
            }
            used += size;
            i += width;
        }
        return i;
    }
}
