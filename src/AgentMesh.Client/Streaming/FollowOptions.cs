using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client.Streaming;

/// <summary>How <see cref="MeshClient.FollowAsync(string?, long, FollowOptions, CancellationToken)"/> reconnects.</summary>
public sealed record FollowOptions
{
    public static readonly FollowOptions Default = new();

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called when the stream was lost, with the reason and the delay before the next attempt.</summary>
    public Action<MeshException, TimeSpan>? Reconnecting { get; init; }

    /// <summary>Called each time a stream is open, with the cursor it resumes from.</summary>
    public Action<long>? Connected { get; init; }
}
