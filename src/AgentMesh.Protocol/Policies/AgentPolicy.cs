namespace AgentMesh.Protocol.Policies;

/// <summary>
/// What an agent lets other agents do to its terminal. <see cref="AllowedCommands"/> lists the control commands
/// (<c>/compact</c>) that may be sent to it as <c>kind=command</c> messages; empty (the default) allows none.
/// </summary>
public sealed record AgentPolicy
{
    public required string Agent { get; init; }
    public required string AgentId { get; init; }
    public required IReadOnlyList<string> AllowedCommands { get; init; }
    /// <summary>When the policy was last changed; null while the agent has the default policy.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>The body of <c>PUT …/agents/{agent}/policy</c>: the whole new list (it replaces the old one).</summary>
public sealed record SavePolicyRequest
{
    /// <summary>Command names such as <c>/compact</c> (the slash may be left out); empty allows none.</summary>
    public IReadOnlyList<string>? AllowedCommands { get; init; }
}
