using System.Globalization;
using System.Text.Json;
using AgentMesh.Transcripts.Redaction;
using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts.Reading;

/// <summary>
/// Reads one line of a Claude Code transcript. The format is internal to Claude Code and changes between
/// versions, so this reads only what it recognises — <c>user</c>, <c>assistant</c> and <c>system</c> lines
/// and the content blocks inside — and skips everything else: unknown line types, unknown blocks, missing or
/// mistyped fields. Nothing here throws for bad input.
/// </summary>
internal static class TranscriptLineParser
{
    private static readonly JsonDocumentOptions _options = new() { MaxDepth = 256 };

    /// <summary>The line's entry; null when it holds nothing to show. <paramref name="unreadable"/>: the line is not JSON at all.</summary>
    public static TranscriptEntry? Parse(ReadOnlyMemory<byte> line, Redactor redactor, out bool unreadable)
    {
        if (!ShowsAnything(line.Span, out unreadable))
        {
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, _options);
        }
        catch (JsonException)
        {
            unreadable = true;
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Flag(root, "isSidechain"))
            {
                return null;
            }
            var timestamp = Timestamp(root);
            return String(root, "type") switch
            {
                "user" => UserLine.Parse(root, timestamp, redactor),
                "assistant" => Assistant(root, timestamp, redactor),
                "system" => SystemLine(root, timestamp),
                _ => null,
            };
        }
    }

    /// <summary>
    /// Whether the line's top-level <c>type</c> is one this parser reads, found by scanning the top level
    /// without building a document: most of a transcript's bytes are in lines of other types (attachments,
    /// API request snapshots), and this is several times cheaper than parsing them.
    /// </summary>
    private static bool ShowsAnything(ReadOnlySpan<byte> line, out bool unreadable)
    {
        unreadable = false;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String
                        && (reader.ValueTextEquals("user"u8) || reader.ValueTextEquals("assistant"u8) || reader.ValueTextEquals("system"u8));
                }
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            unreadable = true;
            return false;
        }
    }

    private static TranscriptEntry? Assistant(JsonElement root, DateTimeOffset? timestamp, Redactor redactor)
    {
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("content", out var content))
        {
            return null;
        }
        var items = new List<TranscriptItem>();
        if (content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } plain)
        {
            items.Add(new TranscriptItem { Kind = TranscriptItemKind.Text, Text = plain });
        }
        foreach (var block in Blocks(content))
        {
            switch (String(block, "type"))
            {
                case "text" when String(block, "text") is { Length: > 0 } text:
                    items.Add(new TranscriptItem { Kind = TranscriptItemKind.Text, Text = text });
                    break;
                case "thinking" when String(block, "thinking") is { Length: > 0 } thinking:
                    items.Add(new TranscriptItem { Kind = TranscriptItemKind.Thinking, Text = thinking });
                    break;
                case "tool_use" or "server_tool_use" when String(block, "name") is { Length: > 0 } name:
                    long cut = 0;
                    var input = block.TryGetProperty("input", out var value) ? ToolInput.Render(value, redactor, out cut) : "{}";
                    items.Add(new TranscriptItem
                    {
                        Kind = TranscriptItemKind.ToolUse,
                        Text = input,
                        Tool = name,
                        ToolUseId = String(block, "id"),
                        CutBytes = cut == 0 ? null : cut,
                    });
                    break;
            }
        }
        return items.Count == 0 ? null : new TranscriptEntry(null, timestamp, items);
    }

    private static TranscriptEntry? SystemLine(JsonElement root, DateTimeOffset? timestamp)
    {
        var text = String(root, "content") is { Length: > 0 } content ? content
            : String(root, "subtype") == "compact_boundary" ? "Conversation compacted."
            : null;
        return text is null ? null : new TranscriptEntry(null, timestamp, [new TranscriptItem { Kind = TranscriptItemKind.System, Text = text }]);
    }

    /// <summary>The elements of an array, or none for anything else.</summary>
    internal static IEnumerable<JsonElement> Blocks(JsonElement content) =>
        content.ValueKind == JsonValueKind.Array ? content.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object) : [];

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static DateTimeOffset? Timestamp(JsonElement root) =>
        String(root, "timestamp") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
