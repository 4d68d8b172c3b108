using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentMesh.Protocol.Wire;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Writes a hook's one JSON answer to stdout and flushes it: stdout carries nothing else. Claude reads it as
/// JSON, not HTML, so <c>&lt;</c>, quotes and non-ASCII text stay as they are (the frames stay legible in logs).
/// Written with <see cref="Utf8JsonWriter"/> rather than the serializer, like everything on the hook path.
/// </summary>
internal static class HookOutputWriter
{
    private static readonly JsonWriterOptions _relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter stdout, ContextOutput output) => Write(stdout, json =>
    {
        json.WriteStartObject("hookSpecificOutput");
        json.WriteString("hookEventName", output.HookSpecificOutput.HookEventName);
        json.WriteString("additionalContext", output.HookSpecificOutput.AdditionalContext);
        json.WriteEndObject();
    });

    public static void Write(TextWriter stdout, BlockOutput output) => Write(stdout, json =>
    {
        json.WriteString("decision", output.Decision);
        json.WriteString("reason", output.Reason);
    });

    private static void Write(TextWriter stdout, Action<Utf8JsonWriter> properties)
    {
        stdout.WriteLine(Encoding.UTF8.GetString(JsonProperties.Write(properties, _relaxed)));
        stdout.Flush();
    }
}
