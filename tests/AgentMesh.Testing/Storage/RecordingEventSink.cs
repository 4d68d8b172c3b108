using AgentMesh.Core.Events;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Testing.Storage;

/// <summary>An <see cref="IEventSink"/> that remembers every batch it was given, in order.</summary>
public sealed class RecordingEventSink : IEventSink
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<MeshEvent>> _batches = [];

    /// <summary>Runs inside <see cref="Publish"/>, on the store's writer, after the batch is recorded.</summary>
    public Action<IReadOnlyList<MeshEvent>>? OnPublish { get; set; }

    public IReadOnlyList<IReadOnlyList<MeshEvent>> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<MeshEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches.SelectMany(b => b)];
            }
        }
    }

    public void Publish(IReadOnlyList<MeshEvent> events)
    {
        lock (_gate)
        {
            _batches.Add([.. events]);
        }
        OnPublish?.Invoke(events);
    }
}
