using AgentMesh.Protocol.Events;

namespace AgentMesh.Core.Events;

/// <summary>Receives committed events, in sequence order per mesh. Must not block: it runs on the store's writer.</summary>
public interface IEventSink
{
    void Publish(IReadOnlyList<MeshEvent> events);
}
