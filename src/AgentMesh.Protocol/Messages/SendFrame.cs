using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AgentMesh.Protocol.Messages;

/// <summary>
/// A frame of the send socket: the JSON body of <c>POST …/messages</c> (a <see cref="SendMessageRequest"/>)
/// with one more member, <c>ref</c>, chosen by the client to match the answer (<see cref="SendAnswer"/>) to
/// the send. Written here by the client and read here by the broker, so both agree on the shape.
/// </summary>
public static class SendFrame
{
    /// <summary>Writes <c>{"ref":…,</c> followed by the request's own members.</summary>
    public static void Write(IBufferWriter<byte> output, string reference, SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reference);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MeshJsonContext.Default.SendMessageRequest);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("ref"u8, reference);
            writer.Flush(); // leaves the object open: {"ref":"…"
        }
        // body is a JSON object with at least "to" and "body", so it is never "{}": a comma always belongs here.
        output.Write(","u8);
        output.Write(body.AsSpan(1));
    }

    /// <summary>
    /// The top-level <c>ref</c> and <c>from</c> of a frame, read without deserializing the rest. Works on a
    /// frame cut short (<paramref name="complete"/> false: an oversized frame whose end was not kept) and on
    /// broken JSON, returning whatever came before the damage, so even a refused frame can be answered by ref.
    /// </summary>
    public static (string? Ref, string? From) ReadHeader(ReadOnlySpan<byte> frame, bool complete)
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock: complete, state: default);
        string? reference = null, from = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRef = reader.ValueTextEquals("ref"u8);
                var isFrom = reader.ValueTextEquals("from"u8);
                if (!reader.Read())
                {
                    break;
                }
                if ((isRef || isFrom) && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                    if (isRef)
                    {
                        reference = text;
                    }
                    else
                    {
                        from = text;
                    }
                }
                else if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // broken past this point (bad JSON, or a string that is not valid UTF-8): what was read before it stands
        }
        return (reference, from);
    }
}
