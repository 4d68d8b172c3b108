using System.Globalization;
using System.Net;
using System.Text;

namespace AgentMesh.Client.Connection;

/// <summary>
/// Reads a whole HTTP/1.1 answer — status line, headers, a body sent plainly, with a Content-Length, or chunked —
/// into an <see cref="HttpResponseMessage"/> (for <see cref="UnixSocketHttpHandler"/>). Anything it cannot read
/// is an <see cref="HttpRequestException"/> with <see cref="HttpRequestError.InvalidResponse"/>.
/// </summary>
internal static class HttpAnswer
{
    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    public static HttpResponseMessage Parse(ReadOnlySpan<byte> answer, HttpRequestMessage request)
    {
        var headEnd = answer.IndexOf(HeadEnd);
        if (headEnd < 0)
        {
            throw Invalid("the answer ended before its headers did");
        }
        var lines = Encoding.ASCII.GetString(answer[..headEnd]).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw Invalid($"'{lines[0]}' is not an HTTP/1.x status line");
        }
        var response = new HttpResponseMessage((HttpStatusCode)code)
        {
            ReasonPhrase = status.Length > 2 ? status[2] : null,
            RequestMessage = request,
        };
        var contentHeaders = new List<string>();
        var chunked = false;
        int? length = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Invalid($"'{lines[i]}' is not a header line");
            }
            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase); // describes the wire, not the content
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Invalid($"'{value}' is not a Content-Length");
            }
            else if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                contentHeaders.Add(name);
                contentHeaders.Add(value);
            }
        }
        var body = answer[(headEnd + HeadEnd.Length)..];
        response.Content = new ByteArrayContent(
            chunked ? Dechunk(body)
            : length is { } declared ? (declared <= body.Length ? body[..declared].ToArray() : throw Invalid("the body is shorter than its Content-Length"))
            : body.ToArray());
        for (var i = 0; i < contentHeaders.Count; i += 2)
        {
            response.Content.Headers.TryAddWithoutValidation(contentHeaders[i], contentHeaders[i + 1]);
        }
        return response;
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
                throw Invalid("a chunk size line is cut off");
            }
            var sizeText = Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw Invalid($"'{sizeText}' is not a chunk size");
            }
            if (size == 0)
            {
                return body.ToArray();
            }
            var start = lineEnd + LineEnd.Length;
            if (chunked.Length < start + size + LineEnd.Length)
            {
                throw Invalid("a chunk is cut off");
            }
            body.Write(chunked.Slice(start, size));
            chunked = chunked[(start + size + LineEnd.Length)..];
        }
    }

    private static HttpRequestException Invalid(string why) =>
        new(HttpRequestError.InvalidResponse, $"The broker's answer cannot be read: {why}.");
}
