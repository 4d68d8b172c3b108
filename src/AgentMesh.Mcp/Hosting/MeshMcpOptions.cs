namespace AgentMesh.Mcp.Hosting;

/// <summary>How patient the <c>wait</c> tool is. The defaults are the documented ones; tests shorten them.</summary>
public sealed record MeshMcpOptions
{
    public static readonly MeshMcpOptions Default = new();

    /// <summary>How long <c>wait</c> blocks when the model gives no timeout.</summary>
    public TimeSpan DefaultWait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The longest <c>wait</c>: under a minute, so HTTP clients and proxies with a 60 s timeout never see a
    /// silent request, and the model gets its turn back regularly.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>How often a blocked <c>wait</c> sends a progress notification (when the client gave a progress token).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);
}
