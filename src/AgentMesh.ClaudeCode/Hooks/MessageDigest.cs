using System.Text;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Waiting messages as one block of text for Claude: a line saying what they are, then each message framed
/// <c>&lt;mesh-message from="&lt;id&gt; (&lt;folder&gt;)" kind="task" id="…" at="…"&gt;body&lt;/mesh-message&gt;</c>
/// (escaped as in <see cref="MessageFrameText"/>), in the order they were sent. The whole text stays within
/// <see cref="MaxChars"/> (Claude's cap on hook context): messages that do not fit are left waiting and
/// summed up with how to fetch them; a first message too long on its own is cut, with how to read it whole.
/// </summary>
public sealed class MessageDigest
{
    /// <summary>Claude Code keeps at most 10,000 characters of a hook's context (landscape §2a).</summary>
    public const int MaxChars = 10_000;

    /// <summary>Room kept for the closing summary, so it always fits.</summary>
    private const int SummaryReserve = 700;

    private MessageDigest(string text, IReadOnlyList<string> attached, IReadOnlyList<string> leftOver)
    {
        Text = text;
        Attached = attached;
        LeftOver = leftOver;
    }

    public string Text { get; }

    /// <summary>Ids of the messages shown (the first possibly cut): these are acknowledged once Claude has the text.</summary>
    public IReadOnlyList<string> Attached { get; }

    /// <summary>Ids of messages that did not fit and stay waiting.</summary>
    public IReadOnlyList<string> LeftOver { get; }

    /// <param name="self">The receiving agent's id, named in the text so the model knows who it is on the mesh.</param>
    /// <param name="intro">The first line: what these messages are and how to answer.</param>
    /// <param name="messages">Waiting messages, oldest first.</param>
    /// <param name="folderOf">The folder name of a sender id, or null when unknown.</param>
    /// <param name="alsoWaiting">Ids of messages known to wait beyond <paramref name="messages"/>, oldest first.</param>
    /// <param name="maxChars">The longest text to return.</param>
    public static MessageDigest Compose(
        string self, string intro, IReadOnlyList<MessageEnvelope> messages, Func<string, string?> folderOf, IReadOnlyList<string>? alsoWaiting = null, int maxChars = MaxChars)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder(intro).Append('\n');
        var attached = new List<string>();
        var budget = maxChars - SummaryReserve;
        foreach (var message in messages)
        {
            var frame = Frame(message, folderOf(message.From), body: null);
            if (text.Length + frame.Length + 1 <= budget)
            {
                text.Append(frame).Append('\n');
                attached.Add(message.Id);
                continue;
            }
            if (attached.Count == 0)
            {
                // Too long on its own: show its head rather than nothing, and say how to read the rest.
                var room = budget - text.Length - Frame(message, folderOf(message.From), body: "").Length - 200;
                var cut = Math.Max(0, Math.Min(room, message.Body.Length));
                if (cut > 0 && char.IsHighSurrogate(message.Body[cut - 1]))
                {
                    cut--; // never split a surrogate pair
                }
                var head = message.Body[..cut];
                var note = $"\n[cut: {head.Length:N0} of {message.Body.Length:N0} characters shown; the whole message: mesh MCP tool read, id {message.Id}]";
                text.Append(Frame(message, folderOf(message.From), head + note)).Append('\n');
                attached.Add(message.Id);
            }
            break;
        }
        var leftOver = messages.Skip(attached.Count).Select(m => m.Id).ToList();
        var waiting = leftOver.Concat(alsoWaiting ?? []).ToList();
        var more = waiting.Count;
        if (more > 0)
        {
            var ids = string.Join(", ", waiting.Take(10));
            text.Append(more == 1 ? "1 more message is waiting" : $"{more:N0} more messages are waiting")
                .Append(ids.Length > 0 ? $" (oldest first: {ids}{(more > 10 ? ", …" : "")})" : "")
                .Append($". Fetch them with the mesh MCP tool wait (inbox only looks), or run: mesh inbox --as {self}\n");
        }
        return new MessageDigest(text.ToString().TrimEnd('\n'), attached, leftOver);
    }

    /// <summary>One message, framed; <paramref name="body"/> replaces the message's own body (a cut one).</summary>
    public static string Frame(MessageEnvelope message, string? folder, string? body)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = $"{message.From} ({folder ?? message.FromName})";
        var text = new StringBuilder()
            .Append('<').Append(MessageFrameText.Tag)
            .Append(" from=\"").Append(MessageFrameText.Attribute(from)).Append('"')
            .Append(" kind=\"").Append(MessageFrameText.Attribute(message.Kind)).Append('"')
            .Append(" id=\"").Append(MessageFrameText.Attribute(message.Id)).Append('"')
            .Append(" at=\"").Append(MessageFrameText.Time(message.CreatedAt)).Append('"');
        if (message.FromName != message.From)
        {
            text.Append(" name=\"").Append(MessageFrameText.Attribute(message.FromName)).Append('"');
        }
        if (message.Room is { } room)
        {
            text.Append(" room=\"").Append(MessageFrameText.Attribute(room)).Append('"');
        }
        if (message.InReplyTo is { } parent)
        {
            text.Append(" reply_to=\"").Append(MessageFrameText.Attribute(parent)).Append('"');
        }
        return text.Append('>').Append(MessageFrameText.Body(body ?? message.Body)).Append("</").Append(MessageFrameText.Tag).Append('>').ToString();
    }
}
