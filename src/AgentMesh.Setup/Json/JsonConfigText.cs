using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentMesh.Setup.Json;

/// <summary>
/// Parses a client's JSON configuration into a <see cref="JsonObject"/> (which keeps unknown keys, their order
/// and number literals as written) and writes it back in the file's own <see cref="JsonStyle"/>.
/// Comments and trailing commas parse (VS Code and Gemini accept them); the caller decides whether a file
/// with comments may be rewritten, because re-serialising drops them.
/// </summary>
internal static class JsonConfigText
{
    private static readonly JsonDocumentOptions _lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
    };

    public static JsonObject Parse(string path, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: _lenient);
        }
        catch (JsonException ex)
        {
            throw SetupErrors.Unparsable(path, ex.LineNumber is { } line ? (int)line + 1 : null, $"is not valid JSON ({Describe(ex)})");
        }
        return node as JsonObject ?? throw SetupErrors.Unparsable(path, 1, "is not a JSON object at the top level");
    }

    /// <summary>The 1-based line of the first comment, or null when the text has none.</summary>
    public static int? FirstCommentLine(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Allow });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Comment)
            {
                return bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n') + 1;
            }
        }
        return null;
    }

    public static string Write(JsonNode node, JsonStyle style)
    {
        var options = new JsonWriterOptions
        {
            Indented = style.Indented,
            IndentCharacter = style.IndentCharacter,
            IndentSize = style.IndentSize,
            NewLine = style.NewLine,
            // Configuration files are not HTML: keep <, >, &, ' and non-ASCII letters as they are.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            node.WriteTo(writer);
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return style.FinalNewLine ? text + style.NewLine : text;
    }

    /// <summary>The reader's message without its "LineNumber: … | BytePositionInLine: …" tail (we give the line ourselves).</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        foreach (var tail in (string[])[" Path:", " LineNumber:"])
        {
            var at = message.IndexOf(tail, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }
        return message.Trim().TrimEnd('.');
    }
}
