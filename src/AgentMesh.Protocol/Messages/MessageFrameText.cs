using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentMesh.Protocol.Messages;

/// <summary>
/// The escaping every <c>&lt;mesh-message …&gt;body&lt;/mesh-message&gt;</c> frame shown to a model uses (MCP
/// tools, Claude Code hooks). Attribute values are XML-escaped. The body is left as written (code stays
/// readable) except that anything that would open or close a <c>mesh-message</c> tag has its <c>&lt;</c>
/// escaped, so a body can neither end its own frame early nor forge a frame from someone else.
/// </summary>
public static partial class MessageFrameText
{
    public const string Tag = "mesh-message";

    [GeneratedRegex(@"<(?=\s*/?\s*mesh-message)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrameTag();

    public static string Body(string body) => FrameTag().Replace(body, "&lt;");

    public static string Attribute(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\n", "&#10;", StringComparison.Ordinal)
        .Replace("\r", "&#13;", StringComparison.Ordinal);

    /// <summary>A frame's <c>at</c> attribute: UTC to the second.</summary>
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
