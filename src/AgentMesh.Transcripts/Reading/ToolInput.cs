using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentMesh.Transcripts.Redaction;

namespace AgentMesh.Transcripts.Reading;

/// <summary>
/// A tool call's input as compact JSON. String values go through the redactor, since that is where file
/// contents travel (Write's content, Edit's old and new strings).
/// </summary>
internal static class ToolInput
{
    private static readonly JsonWriterOptions _options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 };

    public static string Render(JsonElement input, Redactor redactor, out long cutBytes)
    {
        cutBytes = 0;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, _options))
        {
            Write(writer, input, redactor, ref cutBytes);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, Redactor redactor, ref long cutBytes)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, redactor, ref cutBytes);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, redactor, ref cutBytes);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(redactor.Cut(element.GetString() ?? "", out var cut));
                cutBytes += cut;
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
