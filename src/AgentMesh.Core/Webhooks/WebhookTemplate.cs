using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Core.Webhooks;

/// <summary>
/// The <c>custom</c> format: a text with <c>{{from}} {{to}} {{body}} {{id}} {{kind}} {{created_at}}</c>
/// placeholders. A template that starts with <c>[</c>, or <c>{</c> not followed by <c>{</c>, is JSON: values are JSON-string-escaped
/// (without quotes, so placeholders go inside the template's own quotes) and the result must parse.
/// </summary>
public static partial class WebhookTemplate
{
    public const int MaxLength = 8 * 1024;

    public static readonly IReadOnlyList<string> Placeholders = ["from", "to", "body", "id", "kind", "created_at"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>JSON when it starts with <c>[</c>, or with <c>{</c> that does not open a placeholder (<c>{{from}} says…</c> is text).</summary>
    public static bool IsJson(string template) => template.TrimStart() switch
    {
        ['[', ..] => true,
        ['{', '{', ..] => false,
        ['{', ..] => true,
        _ => false,
    };

    /// <summary>Fills the placeholders; unknown names are left as they are (they were refused when the webhook was saved).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var json = IsJson(template);
        return Placeholder().Replace(template, match =>
            values.TryGetValue(match.Groups[1].Value, out var value) ? (json ? EscapeJson(value) : value) : match.Value);
    }

    /// <summary>Refuses a template with unknown placeholders, or a JSON template that does not stay JSON.</summary>
    public static void Validate(string template)
    {
        if (template.Length > MaxLength)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The template is longer than {MaxLength:N0} characters.");
        }
        var unknown = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(n => !Placeholders.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"Unknown template placeholder(s): {string.Join(", ", unknown.Select(n => "{{" + n + "}}"))}. Use: {string.Join(" ", Placeholders.Select(n => "{{" + n + "}}"))}.");
        }
        if (!IsJson(template))
        {
            return;
        }
        var sample = Placeholders.ToDictionary(n => n, n => $"\"sample {n}\"\n\\");
        try
        {
            using var _ = JsonDocument.Parse(Render(template, sample));
        }
        catch (JsonException e)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"The template starts like JSON but is not valid JSON once filled in ({e.Message}). Put each placeholder inside quotes, e.g. {{\"text\":\"{{{{body}}}}\"}}.");
        }
    }

    // Relaxed: the payload is JSON for a program, never HTML, so non-ASCII text stays readable.
    private static string EscapeJson(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    /// <summary>The placeholder values of a message.</summary>
    public static Dictionary<string, string> ValuesOf(Protocol.Messages.MessageEnvelope message, string to) => new(StringComparer.Ordinal)
    {
        ["from"] = message.FromName,
        ["to"] = to,
        ["body"] = message.Body,
        ["id"] = message.Id,
        ["kind"] = message.Kind,
        ["created_at"] = message.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };
}
