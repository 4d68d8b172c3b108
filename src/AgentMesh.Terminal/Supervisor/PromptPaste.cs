using System.Text;
using AgentMesh.Protocol.Messages;
using AgentMesh.Terminal.Text;

namespace AgentMesh.Terminal.Supervisor;

/// <summary>
/// The text the supervisor pastes into an agent's prompt: one framed block per message (tasks, and the notes
/// that ride along with them), separated by a blank line, at most <see cref="MaxCharacters"/> in all — a
/// longer message is cut and says where the rest is (the caller takes
/// only as many messages as fit, see <see cref="HowManyFit"/>). Every body is sanitised (<see cref="TerminalText"/>).
/// For a program that enabled bracketed paste the text is wrapped in <c>ESC[200~ … ESC[201~</c>, so newlines
/// stay inside the prompt; otherwise newlines and tabs become spaces (a newline would be Enter, a tab completion).
/// </summary>
public static class PromptPaste
{
    public const int MaxCharacters = 10_000;

    private const string Separator = "\n\n";

    /// <summary>Kept free when a body is cut: the cut notice and a few headers after it.</summary>
    private const int Reserve = 600;

    public static string Text(IReadOnlyList<MessageEnvelope> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            if (text.Length > 0)
            {
                text.Append(Separator);
            }
            text.Append(TerminalFraming.Header(message.FromName, message.Room, note: message.Kind == MessageKind.Note));
            var body = TerminalFraming.Body(message.Body);
            if (body.Length == 0)
            {
                continue;
            }
            var room = MaxCharacters - text.Length - 1;
            if (body.Length <= room)
            {
                text.Append(' ').Append(body);
                continue;
            }
            // Over budget: keep what fits (leaving space for the headers of any messages after this one), and say
            // where the whole text is. Every message passed in keeps its header: they are all acknowledged.
            var keep = Math.Max(0, room - Reserve);
            text.Append(' ').Append(body.AsSpan(0, keep))
                .Append($" … [cut: {body.Length - keep:N0} more characters; the whole message is {message.Id}, read it with the mesh MCP tool 'read']");
        }
        return text.ToString();
    }

    /// <summary>How many of <paramref name="waiting"/> (oldest first) to take into one paste: all whose text fits, at least one.</summary>
    public static int HowManyFit(IReadOnlyList<MessageEnvelope> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var used = 0;
        for (var i = 0; i < waiting.Count; i++)
        {
            used += Separator.Length + TerminalFraming.Frame(waiting[i].FromName, waiting[i].Body, waiting[i].Room).Length;
            if (used > MaxCharacters)
            {
                return Math.Max(1, i);
            }
        }
        return waiting.Count;
    }

    /// <summary>The bytes to write into the terminal for <paramref name="text"/>.</summary>
    public static byte[] Bytes(string text, bool bracketed)
    {
        ArgumentNullException.ThrowIfNull(text);
        return bracketed
            ? Encoding.UTF8.GetBytes($"\e[200~{text}\e[201~")
            : Encoding.UTF8.GetBytes(text.Replace('\n', ' ').Replace('\t', ' '));
    }
}
