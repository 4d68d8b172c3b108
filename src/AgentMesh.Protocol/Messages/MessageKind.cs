namespace AgentMesh.Protocol.Messages;

/// <summary>
/// <c>task</c>: act on it; it wakes the receiver. <c>note</c>: read at the next natural point; never wakes.
/// </summary>
public static class MessageKind
{
    public const string Task = "task";
    public const string Note = "note";

    public static readonly IReadOnlyList<string> All = [Task, Note];

    public static bool IsValid(string? kind) => kind is not null && All.Contains(kind);
}
