namespace AgentMesh.Protocol.Errors;

/// <summary>
/// Every failure that crosses a boundary (HTTP, WebSocket, MCP, CLI) carries one of these codes.
/// The wire names (<see cref="MeshErrorCodes.ToWire"/>) are stable: clients branch on them.
/// </summary>
public enum MeshErrorCode
{
    InternalError,
    InvalidJson,
    InvalidRequest,
    BodyTooLarge,
    UnsupportedMediaType,
    MethodNotAllowed,
    Unauthorized,
    Forbidden,
    MeshNotFound,
    AgentNotFound,
    MessageNotFound,
    NotFound,
    AmbiguousAddress,
    Conflict,
    RateLimited,
    BrokerUnavailable,
    Timeout,
    RoomNotFound,
    RoleNotFound,
    NotAMember,
    NotYourTurn,
    FloorNotGranted,
    RoomClosed,
    RoleUnavailable,
    TranscriptNotFound,
    WebhookNotFound,
    WebhookTargetPrivate,
    /// <summary>A <c>kind=command</c> body is not one well-formed control command line.</summary>
    InvalidCommand,
    /// <summary>A <c>kind=command</c> message was addressed to a group (<c>*</c>, a room or a role).</summary>
    CommandToGroup,
    /// <summary>The receiving agent's policy does not allow this control command.</summary>
    CommandNotAllowed,
}

public static class MeshErrorCodes
{
    public static string ToWire(this MeshErrorCode code) => code switch
    {
        MeshErrorCode.InternalError => "internal_error",
        MeshErrorCode.InvalidJson => "invalid_json",
        MeshErrorCode.InvalidRequest => "invalid_request",
        MeshErrorCode.BodyTooLarge => "body_too_large",
        MeshErrorCode.UnsupportedMediaType => "unsupported_media_type",
        MeshErrorCode.MethodNotAllowed => "method_not_allowed",
        MeshErrorCode.Unauthorized => "unauthorized",
        MeshErrorCode.Forbidden => "forbidden",
        MeshErrorCode.MeshNotFound => "mesh_not_found",
        MeshErrorCode.AgentNotFound => "agent_not_found",
        MeshErrorCode.MessageNotFound => "message_not_found",
        MeshErrorCode.NotFound => "not_found",
        MeshErrorCode.AmbiguousAddress => "ambiguous_address",
        MeshErrorCode.Conflict => "conflict",
        MeshErrorCode.RateLimited => "rate_limited",
        MeshErrorCode.BrokerUnavailable => "broker_unavailable",
        MeshErrorCode.Timeout => "timeout",
        MeshErrorCode.RoomNotFound => "room_not_found",
        MeshErrorCode.RoleNotFound => "role_not_found",
        MeshErrorCode.NotAMember => "not_a_member",
        MeshErrorCode.NotYourTurn => "not_your_turn",
        MeshErrorCode.FloorNotGranted => "floor_not_granted",
        MeshErrorCode.RoomClosed => "room_closed",
        MeshErrorCode.RoleUnavailable => "role_unavailable",
        MeshErrorCode.TranscriptNotFound => "transcript_not_found",
        MeshErrorCode.WebhookNotFound => "webhook_not_found",
        MeshErrorCode.WebhookTargetPrivate => "webhook_target_private",
        MeshErrorCode.InvalidCommand => "invalid_command",
        MeshErrorCode.CommandToGroup => "command_to_group",
        MeshErrorCode.CommandNotAllowed => "command_not_allowed",
        _ => "internal_error",
    };

    public static MeshErrorCode FromWire(string? wire)
    {
        foreach (var code in Enum.GetValues<MeshErrorCode>())
        {
            if (code.ToWire() == wire)
            {
                return code;
            }
        }
        return MeshErrorCode.InternalError;
    }

    /// <summary>The HTTP status each code maps to; the one table both the server and the client read.</summary>
    public static int HttpStatus(this MeshErrorCode code) => code switch
    {
        MeshErrorCode.InvalidJson or MeshErrorCode.InvalidRequest or MeshErrorCode.InvalidCommand or MeshErrorCode.CommandToGroup => 400,
        MeshErrorCode.Unauthorized => 401,
        MeshErrorCode.Forbidden or MeshErrorCode.NotAMember or MeshErrorCode.FloorNotGranted or MeshErrorCode.WebhookTargetPrivate
            or MeshErrorCode.CommandNotAllowed => 403,
        MeshErrorCode.MeshNotFound or MeshErrorCode.AgentNotFound or MeshErrorCode.MessageNotFound or MeshErrorCode.NotFound
            or MeshErrorCode.RoomNotFound or MeshErrorCode.RoleNotFound or MeshErrorCode.TranscriptNotFound or MeshErrorCode.WebhookNotFound => 404,
        MeshErrorCode.AmbiguousAddress or MeshErrorCode.Conflict or MeshErrorCode.NotYourTurn or MeshErrorCode.RoomClosed
            or MeshErrorCode.RoleUnavailable => 409,
        MeshErrorCode.MethodNotAllowed => 405,
        MeshErrorCode.BodyTooLarge => 413,
        MeshErrorCode.UnsupportedMediaType => 415,
        MeshErrorCode.RateLimited => 429,
        MeshErrorCode.BrokerUnavailable => 503,
        MeshErrorCode.Timeout => 504,
        _ => 500,
    };
}
