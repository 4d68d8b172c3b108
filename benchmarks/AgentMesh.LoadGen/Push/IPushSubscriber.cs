using AgentMesh.Protocol.Events;

namespace AgentMesh.LoadGen.Push;

/// <summary>A live subscription to an agent's events, over SSE or WebSocket.</summary>
internal interface IPushSubscriber : IAsyncDisposable
{
    string Transport { get; }

    /// <summary>Reads until cancelled or the stream ends, calling <paramref name="onQueued"/> for each <c>message.queued</c> event.</summary>
    Task RunAsync(Action<MeshEvent> onQueued, CancellationToken cancellationToken);
}
