using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentMesh.Transcripts.Redaction;
using AgentMesh.Transcripts.Turns;
using static AgentMesh.Transcripts.Reading.TranscriptLineParser;

namespace AgentMesh.Transcripts.Reading;

/// <summary>
/// A <c>user</c> line is either a prompt (which starts a turn) or part of the current turn: tool results
/// (they belong to the turn that called the tool), Claude Code's own notes (interruptions, output of local
/// commands, compaction summaries), or meta lines injected for the model, which are skipped.
/// </summary>
internal static partial class UserLine
{
    public static TranscriptEntry? Parse(JsonElement root, DateTimeOffset? timestamp, Redactor redactor)
    {
        if (Flag(root, "isMeta") || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("content", out var content))
        {
            return null;
        }
        if (Flag(root, "isCompactSummary"))
        {
            return Note(Text(content), timestamp, redactor);
        }
        var results = Blocks(content).Where(b => String(b, "type") == "tool_result").ToList();
        if (results.Count > 0)
        {
            var items = results.Select(r => ToolResult(r, redactor)).ToList();
            if (Text(content) is { Length: > 0 } alongside)
            {
                items.Add(new TranscriptItem { Kind = TranscriptItemKind.System, Text = alongside });
            }
            return new TranscriptEntry(null, timestamp, items);
        }
        var text = Text(content);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (text.StartsWith("[Request interrupted by user", StringComparison.Ordinal)
            || text.StartsWith("<local-command-std", StringComparison.Ordinal)
            || text.StartsWith("<bash-std", StringComparison.Ordinal))
        {
            return Note(text, timestamp, redactor);
        }
        return new TranscriptEntry(SlashCommand(text) ?? text, timestamp, []);
    }

    private static TranscriptItem ToolResult(JsonElement block, Redactor redactor)
    {
        var text = block.TryGetProperty("content", out var content) ? Text(content) : "";
        var shown = redactor.Cut(text, out var cut);
        return new TranscriptItem
        {
            Kind = TranscriptItemKind.ToolResult,
            Text = shown,
            ToolUseId = String(block, "tool_use_id"),
            IsError = Flag(block, "is_error") ? true : null,
            CutBytes = cut == 0 ? null : cut,
        };
    }

    private static TranscriptEntry? Note(string text, DateTimeOffset? timestamp, Redactor redactor)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var shown = redactor.Cut(text, out var cut);
        return new TranscriptEntry(null, timestamp, [new TranscriptItem { Kind = TranscriptItemKind.System, Text = shown, CutBytes = cut == 0 ? null : cut }]);
    }

    /// <summary>The text of a content value: a string, or the text blocks of an array (images become a placeholder).</summary>
    private static string Text(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }
        var text = new StringBuilder();
        foreach (var block in Blocks(content))
        {
            var part = String(block, "type") switch
            {
                "text" => String(block, "text"),
                "image" => "[image]",
                "document" => "[document]",
                _ => null,
            };
            if (part is { Length: > 0 })
            {
                text.Append(text.Length > 0 ? "\n" : "").Append(part);
            }
        }
        return text.ToString();
    }

    /// <summary>"/compact keep the API notes" for the tags Claude Code records a slash command with; null for any other text.</summary>
    private static string? SlashCommand(string text)
    {
        var name = CommandName().Match(text);
        if (!name.Success)
        {
            return null;
        }
        var arguments = CommandArgs().Match(text);
        return arguments.Success && arguments.Groups[1].Value.Trim() is { Length: > 0 } args ? $"{name.Groups[1].Value.Trim()} {args}" : name.Groups[1].Value.Trim();
    }

    [GeneratedRegex("^\\s*<command-name>([^<]*)</command-name>")]
    private static partial Regex CommandName();

    [GeneratedRegex("<command-args>([^<]*)</command-args>")]
    private static partial Regex CommandArgs();
}
