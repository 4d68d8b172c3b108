namespace AgentMesh.Protocol.Messages;

/// <summary>
/// <c>task</c>: act on it; it wakes the receiver. <c>note</c>: read at the next natural point; never wakes.
/// <c>command</c>: one control command (<c>/compact</c>) for the receiving agent's terminal, typed by its PTY
/// supervisor or tmux daemon when the receiver's policy allows it (<see cref="Policies.CommandPolicy"/>); never
/// shown to a model as a message.
/// </summary>
public static class MessageKind
{
    public const string Task = "task";
    public const string Note = "note";
    public const string Command = "command";

    public static readonly IReadOnlyList<string> All = [Task, Note, Command];

    /// <summary>What a model reads (hooks, MCP tools): everything but control commands.</summary>
    public static readonly IReadOnlyList<string> ForModels = [Task, Note];

    public static bool IsValid(string? kind) => kind is not null && All.Contains(kind);
}
