using System.Text.Json;

namespace AgentMesh.Protocol.Rooms;

/// <summary>
/// Creates a room. Members are names or ids of registered agents, in speaking order; the moderator (moderated
/// rooms) joins if not listed. The creator is recorded but does not join unless listed.
/// </summary>
public sealed record CreateRoomRequest
{
    public required string Name { get; init; }
    public IReadOnlyList<string>? Members { get; init; }
    public string? Mode { get; init; }
    public string? Moderator { get; init; }
    public int? TurnTimeoutSeconds { get; init; }
    /// <summary>The agent creating the room, if an agent does (recorded as <see cref="RoomInfo.CreatedBy"/>).</summary>
    public string? CreatedBy { get; init; }
}

/// <summary>Joins a room (or updates one's keywords when already a member).</summary>
public sealed record JoinRoomRequest
{
    public IReadOnlyList<string>? Keywords { get; init; }
}

/// <summary>A post to a room. The sender is the acting agent.</summary>
public sealed record RoomPostRequest
{
    public required string Body { get; init; }
    public string? Kind { get; init; }
    public string? InReplyTo { get; init; }
    public string? IdempotencyKey { get; init; }
    public JsonElement? Metadata { get; init; }
}

/// <summary>Grants or revokes the floor of a moderated room.</summary>
public sealed record FloorRequest
{
    public required string Agent { get; init; }
}
