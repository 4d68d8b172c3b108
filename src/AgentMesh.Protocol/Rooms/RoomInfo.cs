namespace AgentMesh.Protocol.Rooms;

/// <summary>
/// A room as the broker keeps it: members in speaking order, the mode the broker enforces, and the mode's
/// state. <see cref="Moderator"/>, <see cref="Turn"/> and <see cref="Floor"/> hold member ids; the member
/// list maps them to names.
/// </summary>
public sealed record RoomInfo
{
    public required string Name { get; init; }
    public required string Mesh { get; init; }
    public required string Mode { get; init; }
    public required IReadOnlyList<RoomMember> Members { get; init; }
    public string? Moderator { get; init; }
    /// <summary>Round-robin: after this long without a post the turn passes on.</summary>
    public required int TurnTimeoutSeconds { get; init; }
    /// <summary>Round-robin: the member whose turn it is.</summary>
    public string? Turn { get; init; }
    public DateTimeOffset? TurnSince { get; init; }
    /// <summary>Moderated: the members the moderator granted the floor.</summary>
    public IReadOnlyList<string> Floor { get; init; } = [];
    public bool Closed { get; init; }
    public string? CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public RoomMember? Member(string agentId) => Members.FirstOrDefault(m => m.Id == agentId);

    public string NameOf(string? agentId) => agentId is null ? "nobody" : Member(agentId)?.Name ?? agentId;
}

/// <summary>A member of a room; <see cref="Keywords"/> (reactive rooms) turn matching posts into tasks for it.</summary>
public sealed record RoomMember
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
}

public sealed record RoomList(IReadOnlyList<RoomInfo> Rooms);
