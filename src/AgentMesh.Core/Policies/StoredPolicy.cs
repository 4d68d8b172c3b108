namespace AgentMesh.Core.Policies;

/// <summary>An agent's policy as the store keeps it: command names with their slash, in the order given.</summary>
public sealed record StoredPolicy(string AgentId, IReadOnlyList<string> AllowedCommands, DateTimeOffset UpdatedAt);
