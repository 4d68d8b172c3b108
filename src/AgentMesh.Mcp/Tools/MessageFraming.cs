using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Mcp.Tools;

/// <summary>
/// How a message is handed to a model: as a message from a named peer, never as an instruction,
/// <c>&lt;mesh-message from="bob (a1b2c3d4)" kind="task" id="…" at="…"&gt;body&lt;/mesh-message&gt;</c>.
/// Attribute values are XML-escaped. The body is left as written (code stays readable) except that anything
/// that would open or close a <c>mesh-message</c> tag has its <c>&lt;</c> escaped, so a body can neither end its
/// own frame early nor forge a frame from someone else.
/// </summary>
internal static partial class MessageFraming
{
    public const string Tag = "mesh-message";

    [GeneratedRegex(@"<(?=\s*/?\s*mesh-message)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrameTag();

    public static string Frame(MessageEnvelope message, string? state = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        text.Append('<').Append(Tag)
            .Append(" from=\"").Append(Attribute($"{message.FromName} ({message.From})")).Append('"')
            .Append(" kind=\"").Append(Attribute(message.Kind)).Append('"')
            .Append(" id=\"").Append(Attribute(message.Id)).Append('"')
            .Append(" to=\"").Append(Attribute(message.To)).Append('"')
            .Append(" at=\"").Append(message.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('"');
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

    public static string Body(string body) => FrameTag().Replace(body, "&lt;");

    public static string Attribute(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\n", "&#10;", StringComparison.Ordinal)
        .Replace("\r", "&#13;", StringComparison.Ordinal);
}
