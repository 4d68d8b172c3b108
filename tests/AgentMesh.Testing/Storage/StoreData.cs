using AgentMesh.Core.Identity;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Testing.Storage;

/// <summary>
/// Builders for store tests. Times are whole milliseconds after <see cref="T0"/>, the precision every store
/// keeps; agent ids are derived from the name, so a test can rebuild the same agent.
/// </summary>
public static class StoreData
{
    public const string Mesh = "default";

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly MessageIds _ids = new(TimeProvider.System);

    public static AgentInfo Agent(string name, string mesh = Mesh, string status = AgentStatus.Online) => new()
    {
        Id = AgentIds.FromSessionId(mesh, name),
        Name = name,
        Mesh = mesh,
        Kind = AgentKind.Http,
        Status = status,
        RegisteredAt = T0,
        LastSeen = T0,
    };

    public static MessageEnvelope Message(AgentInfo from, string body, DateTimeOffset? at = null, MessageEnvelope? replyTo = null)
    {
        var id = _ids.Next();
        return new MessageEnvelope
        {
            Id = id,
            Mesh = from.Mesh,
            From = from.Id,
            FromName = from.Name,
            To = "someone",
            Kind = MessageKind.Task,
            Body = body,
            InReplyTo = replyTo?.Id,
            ThreadId = replyTo?.ThreadId ?? id,
            CreatedAt = at ?? T0,
        };
    }
}
