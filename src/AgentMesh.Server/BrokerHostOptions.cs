using AgentMesh.Core;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Server;

/// <summary>How a broker is hosted: where it listens, where it stores, and its limits.</summary>
public sealed record BrokerHostOptions
{
    public const int DefaultPort = 7700;

    public required MeshHome Home { get; init; }

    /// <summary>TCP address to bind. Only loopback addresses are allowed (see <see cref="Hosting.ListenerPolicy"/>).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; null for no TCP listener, 0 for any free port.</summary>
    public int? Port { get; init; } = DefaultPort;

    /// <summary>
    /// When <see cref="Port"/> is taken (say, by the broker of another mesh home), listen on a free port instead
    /// of failing; <c>broker.json</c> says which. For the default port, not for one the user asked for.
    /// </summary>
    public bool FallBackToFreePort { get; init; }

    /// <summary>Listen on <c>$MESH_HOME/mesh.sock</c> too.</summary>
    public bool UnixSocket { get; init; } = true;

    /// <summary>SQLite database file; defaults to <c>$MESH_HOME/mesh.db</c>.</summary>
    public string? StorePath { get; init; }

    public MeshOptions Mesh { get; init; } = MeshOptions.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Requests per second allowed per token (bursts up to twice that); 0 turns limiting off.</summary>
    public int RateLimitPerSecond { get; init; } = 5_000;

    /// <summary>Largest HTTP request body; the message body limit plus room for the JSON around it by default.</summary>
    public long MaxRequestBodyBytes { get; init; }

    /// <summary>Run the presence and lease sweeps on a timer (tests turn it off and sweep by hand).</summary>
    public bool RunMaintenance { get; init; } = true;

    /// <summary>Deliver webhook agents' messages in the background (off: they stay queued).</summary>
    public bool RunWebhooks { get; init; } = true;

    /// <summary>
    /// Build the OpenAPI document from the endpoints at run time (the golden-file test does). Off by default:
    /// the broker serves the checked-in docs/openapi.json, which saves the memory of the generator.
    /// </summary>
    public bool GenerateOpenApi { get; init; }

    /// <summary>Minimum level for the broker's own log lines.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Also write the broker's log lines here (tests capture them to prove what is never logged).</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LogTo { get; init; }

    internal long EffectiveMaxRequestBodyBytes =>
        MaxRequestBodyBytes > 0 ? MaxRequestBodyBytes : (Mesh.MaxBodyBytes * 6L) + Mesh.MaxMetadataBytes + 16 * 1024;
}
