using AgentMesh.Core.Webhooks;

namespace AgentMesh.Core;

/// <summary>Broker behaviour that does not depend on how it is hosted. Every value has a sane default.</summary>
public sealed record MeshOptions
{
    public static readonly MeshOptions Default = new();

    /// <summary>Largest message body, in UTF-8 bytes.</summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>Largest metadata object, in UTF-8 bytes of its JSON.</summary>
    public int MaxMetadataBytes { get; init; } = 16 * 1024;

    /// <summary>How long a consumed message stays leased before it is delivered again.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries of one message to one agent before it is dead.</summary>
    public int MaxDeliveryAttempts { get; init; } = 5;

    /// <summary>An agent with no heartbeat for this long is offline.</summary>
    public TimeSpan PresenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often presence and leases are checked.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest long-poll a client may ask for.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(55);

    /// <summary>How long a round-robin room waits for the member whose turn it is before passing the turn on.</summary>
    public TimeSpan DefaultTurnTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most members a room may have.</summary>
    public int MaxRoomMembers { get; init; } = 256;
    /// <summary>Timeouts, concurrency and retry backoff of webhook deliveries.</summary>
    public WebhookOptions Webhooks { get; init; } = new();

    /// <summary>The host name local agents report; pids are only checked for agents on this host.</summary>
    public string LocalHost { get; init; } = Environment.MachineName;
}
