using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Server.Errors;

/// <summary>Writes a <see cref="MeshException"/> as RFC 9457 problem+json with its stable code.</summary>
internal static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static ProblemBody ToProblem(MeshException exception, string? correlationId = null) => new()
    {
        Type = $"https://agentmesh.dev/errors/{exception.Code.ToWire()}",
        Title = Title(exception.Code),
        Status = exception.Code.HttpStatus(),
        Detail = exception.Message,
        Code = exception.Code.ToWire(),
        Candidates = exception.Candidates,
        CorrelationId = correlationId,
    };

    public static async Task WriteAsync(HttpContext context, MeshException exception, CancellationToken cancellationToken, string? correlationId = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        context.Response.StatusCode = exception.Code.HttpStatus();
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, ToProblem(exception, correlationId), MeshJsonContext.Default.ProblemBody, cancellationToken);
    }

    /// <summary>The problem's short title; every code has its own (ErrorTests holds this switch to the enum).</summary>
    internal static string Title(MeshErrorCode code) => code switch
    {
        MeshErrorCode.InvalidJson => "Malformed JSON",
        MeshErrorCode.InvalidRequest => "Invalid request",
        MeshErrorCode.BodyTooLarge => "Body too large",
        MeshErrorCode.UnsupportedMediaType => "Unsupported media type",
        MeshErrorCode.MethodNotAllowed => "Method not allowed",
        MeshErrorCode.Unauthorized => "Unauthorized",
        MeshErrorCode.Forbidden => "Forbidden",
        MeshErrorCode.MeshNotFound => "Mesh not found",
        MeshErrorCode.AgentNotFound => "Agent not found",
        MeshErrorCode.MessageNotFound => "Message not found",
        MeshErrorCode.NotFound => "Not found",
        MeshErrorCode.AmbiguousAddress => "Ambiguous address",
        MeshErrorCode.Conflict => "Conflict",
        MeshErrorCode.RateLimited => "Rate limited",
        MeshErrorCode.BrokerUnavailable => "Broker unavailable",
        MeshErrorCode.Timeout => "Timeout",
        MeshErrorCode.RoomNotFound => "Room not found",
        MeshErrorCode.RoleNotFound => "Role not found",
        MeshErrorCode.NotAMember => "Not a member",
        MeshErrorCode.NotYourTurn => "Not your turn",
        MeshErrorCode.FloorNotGranted => "Floor not granted",
        MeshErrorCode.RoomClosed => "Room closed",
        MeshErrorCode.RoleUnavailable => "Role unavailable",
        MeshErrorCode.TranscriptNotFound => "Transcript not found",
        MeshErrorCode.WebhookNotFound => "Webhook not found",
        MeshErrorCode.WebhookTargetPrivate => "Webhook target is private",
        MeshErrorCode.InvalidCommand => "Invalid command",
        MeshErrorCode.CommandToGroup => "Command to a group",
        MeshErrorCode.CommandNotAllowed => "Command not allowed",
        _ => "Internal error",
    };
}
