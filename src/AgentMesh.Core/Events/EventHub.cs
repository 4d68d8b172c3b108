using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentMesh.Core.Telemetry;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Core.Events;

/// <summary>
/// Fans committed events out to live subscribers and wakes agents waiting on their inbox.
/// Each subscriber has a bounded channel. Slow-consumer policy: when a subscriber's channel is full the
/// hub stops writing to it and marks it overflowed; its reader then resyncs from the event log by
/// cursor (see <see cref="EventStream"/>), so a slow reader costs itself a re-read, never the broker
/// memory, and never loses an event.
/// </summary>
public sealed class EventHub(BrokerMetrics metrics) : IEventSink
{
    internal BrokerMetrics Metrics { get; } = metrics;

    public const int SubscriberCapacity = 4096;

    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _inboxSignals = new();
    private readonly ConcurrentDictionary<string, int> _agentFollowers = new();

    public int SubscriberCount => _subscribers.Count;

    public Subscription Subscribe(string mesh, string? agentId)
    {
        var subscription = new Subscription(this, mesh, agentId);
        _subscribers.TryAdd(subscription, 0);
        if (agentId is not null)
        {
            _agentFollowers.AddOrUpdate(agentId, 1, static (_, n) => n + 1);
        }
        Metrics.SubscriberCountChanged(_subscribers.Count);
        return subscription;
    }

    /// <summary>
    /// A task that completes the next time a message becomes available to the agent. Take it before
    /// checking the inbox, so a message that lands in between is not missed.
    /// </summary>
    public Task InboxChanged(string agentId) =>
        _inboxSignals.GetOrAdd(agentId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Publish(IReadOnlyList<MeshEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Agent is not null && e.Type is MeshEventType.MessageQueued or MeshEventType.DeliveryRequeued
                && _inboxSignals.TryRemove(e.Agent, out var signal))
            {
                signal.TrySetResult();
            }
        }
        foreach (var subscription in _subscribers.Keys)
        {
            subscription.Offer(events);
        }
    }

    /// <summary>Whether someone follows this agent's own stream (a live sign that the agent is there).</summary>
    public bool IsFollowed(string agentId) => _agentFollowers.TryGetValue(agentId, out var n) && n > 0;

    private void Remove(Subscription subscription)
    {
        if (_subscribers.TryRemove(subscription, out _))
        {
            if (subscription.AgentId is { } agentId)
            {
                _agentFollowers.AddOrUpdate(agentId, 0, static (_, n) => n - 1);
            }
            Metrics.SubscriberCountChanged(_subscribers.Count);
        }
    }

    /// <summary>A live view of one mesh (or one agent in it). Dispose it to stop receiving.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly EventHub _hub;
        private readonly Channel<MeshEvent> _channel = Channel.CreateBounded<MeshEvent>(
            new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

        internal Subscription(EventHub hub, string mesh, string? agentId)
        {
            _hub = hub;
            Mesh = mesh;
            AgentId = agentId;
        }

        public string Mesh { get; }
        public string? AgentId { get; }

        /// <summary>Completes (with <see cref="SubscriberOverflowException"/>) if the reader fell too far behind.</summary>
        public ChannelReader<MeshEvent> Reader => _channel.Reader;

        internal void Offer(IReadOnlyList<MeshEvent> events)
        {
            foreach (var e in events)
            {
                if (e.Mesh != Mesh || (AgentId is not null && e.Agent != AgentId))
                {
                    continue;
                }
                if (!_channel.Writer.TryWrite(e))
                {
                    _hub.Metrics.SubscriberDropped();
                    _channel.Writer.TryComplete(new SubscriberOverflowException());
                    _hub.Remove(this);
                    return;
                }
            }
        }

        public void Dispose()
        {
            _channel.Writer.TryComplete();
            _hub.Remove(this);
        }
    }
}

/// <summary>The subscriber fell behind; read the rest from the event log by cursor.</summary>
public sealed class SubscriberOverflowException() : Exception("The subscriber fell behind the live stream.");
