using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Webhooks;

namespace AgentMesh.Server.Webhooks;

/// <summary>A request body and its content type, exactly as signed and sent.</summary>
internal sealed record WebhookPayload(byte[] Body, string ContentType);

/// <summary>
/// Shapes a message for a webhook's format (docs/webhooks.md). <c>{{to}}</c> and the chat formats name the
/// webhook agent itself; <c>raw</c> is the envelope, whose <c>to</c> is the address as it was sent.
/// </summary>
internal static class WebhookPayloads
{
    /// <summary>Discord refuses a message longer than this.</summary>
    public const int DiscordLimit = 2000;

    private const string Json = "application/json";
    private static readonly JsonWriterOptions _writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WebhookPayload Build(WebhookConfig config, MessageEnvelope message, string agentName) => config.Format switch
    {
        WebhookFormat.Slack => Object(("text", $"*{SlackEscape(message.FromName)}* → {SlackEscape(agentName)} ({message.Kind}): {SlackEscape(message.Body)}")),
        WebhookFormat.Discord => Discord($"**{message.FromName}** → {agentName} ({message.Kind}): {message.Body}"),
        WebhookFormat.OpenClaw => Object(("text", $"[mesh] Message from {message.FromName} ({message.Kind}, id {message.Id}): {message.Body}"), ("mode", "now")),
        WebhookFormat.Custom => Custom(config.Template ?? "", message, agentName),
        _ => new WebhookPayload(JsonSerializer.SerializeToUtf8Bytes(message, MeshJsonContext.Default.MessageEnvelope), Json),
    };

    private static WebhookPayload Custom(string template, MessageEnvelope message, string agentName)
    {
        var text = WebhookTemplate.Render(template, WebhookTemplate.ValuesOf(message, agentName));
        return new WebhookPayload(Encoding.UTF8.GetBytes(text), WebhookTemplate.IsJson(template) ? Json : "text/plain; charset=utf-8");
    }

    // A body must not ping @everyone or anyone else just by containing the text: no mentions are parsed.
    private static WebhookPayload Discord(string content)
    {
        if (content.Length > DiscordLimit)
        {
            content = string.Concat(content.AsSpan(0, DiscordLimit - 1), "…");
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, _writer))
        {
            json.WriteStartObject();
            json.WriteString("content", content);
            json.WriteStartObject("allowed_mentions");
            json.WriteStartArray("parse");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return new WebhookPayload(buffer.ToArray(), Json);
    }

    private static WebhookPayload Object(params ReadOnlySpan<(string Name, string Value)> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, _writer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        return new WebhookPayload(buffer.ToArray(), Json);
    }

    /// <summary>Slack treats &amp;, &lt; and &gt; as control characters in text (links, mentions).</summary>
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
