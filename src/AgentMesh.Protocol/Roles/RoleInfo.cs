namespace AgentMesh.Protocol.Roles;

/// <summary>
/// A role: agents in priority order (1 is tried first) and what happens when none of them is online.
/// <see cref="Held"/> counts messages queued for the role until a member comes online.
/// </summary>
public sealed record RoleInfo
{
    public required string Name { get; init; }
    public required string Mesh { get; init; }
    public required IReadOnlyList<RoleMember> Agents { get; init; }
    public required string Fallback { get; init; }
    public IReadOnlyList<string> Capabilities { get; init; } = [];
    public int Held { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record RoleMember
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Priority { get; init; }
    /// <summary>The agent's status when the role was read (filled in by the broker, not stored).</summary>
    public string? Status { get; init; }
}

/// <summary>
/// Creates or replaces a role. <see cref="Priority"/> lists agents first-choice first; agents it leaves out
/// follow in the order of <see cref="Agents"/>.
/// </summary>
public sealed record SaveRoleRequest
{
    public IReadOnlyList<string>? Agents { get; init; }
    public IReadOnlyList<string>? Priority { get; init; }
    public string? Fallback { get; init; }
    public IReadOnlyList<string>? Capabilities { get; init; }
}

public sealed record RoleList(IReadOnlyList<RoleInfo> Roles);

/// <summary>What <c>DELETE</c> of a role reports: messages still held for it are dropped with it.</summary>
public sealed record RoleDeleted(string Name, int DroppedHeld);

/// <summary>When no member of a role is online: <c>queue</c> holds the message, <c>reject</c> refuses the send.</summary>
public static class RoleFallback
{
    public const string Queue = "queue";
    public const string Reject = "reject";

    public static readonly IReadOnlyList<string> All = [Queue, Reject];

    public static bool IsValid(string? fallback) => fallback is not null && All.Contains(fallback);
}
