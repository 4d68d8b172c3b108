using System.Globalization;
using System.Text;

namespace AgentMesh.Client.Connection;

/// <summary>
/// A whole HTTP/1.1 answer — status line, headers, and a body sent plainly, with a Content-Length, or chunked — as
/// <see cref="Http1Exchange"/> reads it. Anything it cannot read is an <see cref="Http1Exception"/> of kind
/// <see cref="Http1Failure.Unreadable"/>.
/// </summary>
internal sealed record Http1Answer(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public static Http1Answer Parse(ReadOnlySpan<byte> answer)
    {
        var headEnd = answer.IndexOf(HeadEnd);
        if (headEnd < 0)
        {
            throw Unreadable("the answer ended before its headers did");
        }
        var lines = Encoding.ASCII.GetString(answer[..headEnd]).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw Unreadable($"'{lines[0]}' is not an HTTP/1.x status line");
        }
        var headers = new List<KeyValuePair<string, string>>();
        var chunked = false;
        int? length = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Unreadable($"'{lines[i]}' is not a header line");
            }
            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase); // describes the wire, not the content
                continue;
            }
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Unreadable($"'{value}' is not a Content-Length");
            }
            headers.Add(new(name, value));
        }
        var body = answer[(headEnd + HeadEnd.Length)..];
        return new Http1Answer(code, status.Length > 2 ? status[2] : "", headers,
            chunked ? Dechunk(body)
            : length is { } declared ? (declared <= body.Length ? body[..declared].ToArray() : throw Unreadable("the body is shorter than its Content-Length"))
            : body.ToArray());
    }

    /// <summary>The body of a chunked answer: hex size line, data, CRLF, … up to the zero-size chunk.</summary>
    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = chunked.IndexOf(LineEnd);
            if (lineEnd < 0)
            {
                throw Unreadable("a chunk size line is cut off");
            }
            var sizeText = Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw Unreadable($"'{sizeText}' is not a chunk size");
            }
            if (size == 0)
            {
                return body.ToArray();
            }
            var start = lineEnd + LineEnd.Length;
            if (chunked.Length < start + size + LineEnd.Length)
            {
                throw Unreadable("a chunk is cut off");
            }
            body.Write(chunked.Slice(start, size));
            chunked = chunked[(start + size + LineEnd.Length)..];
        }
    }

    private static Http1Exception Unreadable(string why) => new(Http1Failure.Unreadable, $"The broker's answer cannot be read: {why}.");
}
