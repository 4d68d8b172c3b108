using System.Buffers;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Server.Errors;

namespace AgentMesh.Server.Sending;

/// <summary>
/// The send socket's frames in and out: a frame becomes a <see cref="SendMessageRequest"/> or the same
/// error POST would give (the send socket's one place of error translation, next to <see cref="ProblemWriter"/>
/// for HTTP); answers become UTF-8 JSON, several ready at once in one frame.
/// </summary>
internal static class SendFrames
{
    /// <summary>The request in <paramref name="frame"/>, read straight from its UTF-8 bytes.</summary>
    public static SendMessageRequest Parse(ReadOnlySpan<byte> frame, string? from, AgentInfo sender)
    {
        SendMessageRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(frame, MeshJsonContext.Default.SendMessageRequest);
        }
        catch (JsonException json)
        {
            throw new MeshException(MeshErrorCode.InvalidJson,
                $"The frame is not valid JSON for a send: {json.Message} Send the body of POST …/messages with a \"ref\" member (docs/protocol.md).");
        }
        if (request is null)
        {
            throw new MeshException(MeshErrorCode.InvalidJson, "The frame is JSON null; send an object.");
        }
        // A send has no sender field: the socket sends as the agent in its path. A frame that names another is refused
        // rather than silently sent as someone else than its author meant.
        if (from is not null && from != sender.Id && from != sender.Name)
        {
            throw new MeshException(MeshErrorCode.Forbidden,
                $"This socket sends as '{sender.Name}' ({sender.Id}); the frame says from '{from}'. Open a send socket as that agent, or leave 'from' out.");
        }
        return request;
    }

    public static SendAnswer Problem(string? reference, MeshException refused, string correlationId) => new()
    {
        Ref = reference,
        Status = refused.Code.HttpStatus(),
        Problem = ProblemWriter.ToProblem(refused, refused.Code == MeshErrorCode.InternalError ? correlationId : null),
        RetryAfter = refused.RetryAfterSeconds,
    };

    /// <summary>
    /// Writes the answers ready now as one frame: an object for one, an array for more (docs/protocol.md, "Send
    /// socket"). Takes answers from <paramref name="ready"/> until it is empty or the frame reaches
    /// <paramref name="softLimit"/> bytes; returns how many it wrote (at least one when any was ready).
    /// </summary>
    public static int WriteAnswers(ArrayBufferWriter<byte> output, Queue<SendAnswer> ready, int softLimit)
    {
        if (ready.Count == 1)
        {
            using var single = new Utf8JsonWriter(output);
            JsonSerializer.Serialize(single, ready.Dequeue(), MeshJsonContext.Default.SendAnswer);
            return 1;
        }
        var written = 0;
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        while (ready.Count > 0 && (written == 0 || writer.BytesCommitted + writer.BytesPending < softLimit))
        {
            JsonSerializer.Serialize(writer, ready.Dequeue(), MeshJsonContext.Default.SendAnswer);
            written++;
        }
        writer.WriteEndArray();
        return written;
    }
}
