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
/// for HTTP); an answer becomes UTF-8 JSON.
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

    public static void WriteAnswer(IBufferWriter<byte> output, SendAnswer answer)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, answer, MeshJsonContext.Default.SendAnswer);
    }
}
