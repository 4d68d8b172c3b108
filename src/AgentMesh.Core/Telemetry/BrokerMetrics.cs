using System.Diagnostics.Metrics;
using AgentMesh.Core.Storage;

namespace AgentMesh.Core.Telemetry;

/// <summary>
/// The broker's counters. They feed both the <c>AgentMesh.Broker</c> meter (for OpenTelemetry listeners)
/// and the Prometheus text at <c>/metrics</c>, which reads the plain fields below.
/// </summary>
public sealed class BrokerMetrics : IStoreObserver, IDisposable
{
    public const string MeterName = "AgentMesh.Broker";

    /// <summary>Upper bounds (seconds) of the commit-latency histogram buckets.</summary>
    public static readonly double[] CommitBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _sends;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _acks;
    private readonly Histogram<double> _commitSeconds;
    private readonly long[] _commitBucketCounts = new long[CommitBuckets.Length + 1];
    private long _sent;
    private long _delivered;
    private long _acknowledged;
    private long _dead;
    private long _subscribers;
    private long _subscriberDrops;
    private long _sendSocketInFlight;
    private long _sendSocketStalls;
    private long _commits;
    private long _commitOperations;
    private long _commitTicks;

    public BrokerMetrics()
    {
        _sends = _meter.CreateCounter<long>("agentmesh.messages.sent");
        _deliveries = _meter.CreateCounter<long>("agentmesh.deliveries.delivered");
        _acks = _meter.CreateCounter<long>("agentmesh.deliveries.acknowledged");
        _commitSeconds = _meter.CreateHistogram<double>("agentmesh.store.commit.duration", unit: "s");
        _meter.CreateObservableGauge("agentmesh.subscribers", () => Volatile.Read(ref _subscribers));
    }

    public long SentTotal => Volatile.Read(ref _sent);
    public long DeliveredTotal => Volatile.Read(ref _delivered);
    public long AcknowledgedTotal => Volatile.Read(ref _acknowledged);
    public long DeadTotal => Volatile.Read(ref _dead);
    public long Subscribers => Volatile.Read(ref _subscribers);
    public long SubscriberDrops => Volatile.Read(ref _subscriberDrops);
    /// <summary>Frames read from send sockets and not yet answered, over every socket.</summary>
    public long SendSocketInFlight => Volatile.Read(ref _sendSocketInFlight);
    /// <summary>Times a send socket stopped reading because it had its maximum of unanswered sends (backpressure).</summary>
    public long SendSocketStalls => Volatile.Read(ref _sendSocketStalls);
    public long Commits => Volatile.Read(ref _commits);
    public long CommitOperations => Volatile.Read(ref _commitOperations);
    public double CommitSecondsTotal => TimeSpan.FromTicks(Volatile.Read(ref _commitTicks)).TotalSeconds;

    /// <summary>Cumulative counts per bucket of <see cref="CommitBuckets"/> (last one: +Inf).</summary>
    public long[] CommitBucketCounts()
    {
        var copy = new long[_commitBucketCounts.Length];
        long running = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            running += Volatile.Read(ref _commitBucketCounts[i]);
            copy[i] = running;
        }
        return copy;
    }

    public void MessageSent(int recipients)
    {
        Interlocked.Increment(ref _sent);
        _sends.Add(1);
    }

    public void Delivered(int count)
    {
        Interlocked.Add(ref _delivered, count);
        _deliveries.Add(count);
    }

    public void Acked(int count)
    {
        Interlocked.Add(ref _acknowledged, count);
        _acks.Add(count);
    }

    public void DeadLettered(int count) => Interlocked.Add(ref _dead, count);

    public void SubscriberCountChanged(int count) => Volatile.Write(ref _subscribers, count);

    public void SubscriberDropped() => Interlocked.Increment(ref _subscriberDrops);

    public void SendSocketFrameTaken() => Interlocked.Increment(ref _sendSocketInFlight);

    public void SendSocketFrameAnswered() => Interlocked.Decrement(ref _sendSocketInFlight);

    public void SendSocketStalled() => Interlocked.Increment(ref _sendSocketStalls);

    public void CommitCompleted(TimeSpan duration, int operations)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commitOperations, operations);
        Interlocked.Add(ref _commitTicks, duration.Ticks);
        var seconds = duration.TotalSeconds;
        var bucket = Array.FindIndex(CommitBuckets, bound => seconds <= bound);
        Interlocked.Increment(ref _commitBucketCounts[bucket < 0 ? CommitBuckets.Length : bucket]);
        _commitSeconds.Record(seconds);
    }

    public void Dispose() => _meter.Dispose();
}
