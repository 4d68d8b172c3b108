using System.Text;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Mcp.Tools;

/// <summary>
/// How a message is handed to a model: as a message from a named peer, never as an instruction,
/// <c>&lt;mesh-message from="bob (a1b2c3d4)" kind="task" id="…" at="…"&gt;body&lt;/mesh-message&gt;</c>.
/// Escaping as in <see cref="MessageFrameText"/>.
/// </summary>
internal static class MessageFraming
{
    public const string Tag = MessageFrameText.Tag;

    public static string Frame(MessageEnvelope message, string? state = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        text.Append('<').Append(Tag)
            .Append(" from=\"").Append(Attribute($"{message.FromName} ({message.From})")).Append('"')
            .Append(" kind=\"").Append(Attribute(message.Kind)).Append('"')
            .Append(" id=\"").Append(Attribute(message.Id)).Append('"')
            .Append(" to=\"").Append(Attribute(message.To)).Append('"')
            .Append(" at=\"").Append(MessageFrameText.Time(message.CreatedAt)).Append('"');
        if (message.Room is { } room)
        {
            text.Append(" room=\"").Append(Attribute(room)).Append('"');
        }
        if (message.InReplyTo is { } parent)
        {
            text.Append(" reply_to=\"").Append(Attribute(parent)).Append('"');
        }
        if (message.ThreadId != message.Id)
        {
            text.Append(" thread=\"").Append(Attribute(message.ThreadId)).Append('"');
        }
        if (state is not null)
        {
            text.Append(" state=\"").Append(Attribute(state)).Append('"');
        }
        text.Append('>').Append(Body(message.Body)).Append("</").Append(Tag).Append('>');
        return text.ToString();
    }

    public static string Body(string body) => MessageFrameText.Body(body);

    public static string Attribute(string value) => MessageFrameText.Attribute(value);
}
