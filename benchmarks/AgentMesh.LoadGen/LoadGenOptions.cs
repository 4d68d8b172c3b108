namespace AgentMesh.LoadGen;

/// <summary>What to run and against which broker. Every loop is bounded by these counts and durations.</summary>
internal sealed record LoadGenOptions
{
    public static readonly IReadOnlyList<string> AllScenarios =
        ["host", "disk", "sequential", "push", "throughput", "throughput-stream", "memory", "inbox", "durability", "mcp", "room", "role", "supervisor"];

    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary><c>unix</c> (the socket local agents use, no token) or <c>tcp</c> (loopback with the bearer token).</summary>
    public string Transport { get; init; } = "unix";

    /// <summary>Attach to a running broker at this TCP url instead of starting one.</summary>
    public Uri? Url { get; init; }

    /// <summary>Attach to the broker of this <c>MESH_HOME</c> instead of starting one.</summary>
    public string? Home { get; init; }

    /// <summary>The CLI to start as the broker (<c>dotnet mesh.dll server</c>); found next to the build when null.</summary>
    public string? MeshDll { get; init; }

    public int Sends { get; init; } = 2_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<int> Concurrency { get; init; } = [16, 64];

    /// <summary>Sends in flight per sender on its send socket (<c>throughput-stream</c>).</summary>
    public int Window { get; init; } = 32;

    public long MaxStored { get; init; } = 1_000_000;

    public int FillSenders { get; init; } = 32;

    public bool Json { get; init; }

    public bool KeepHome { get; init; }

    public bool Attached => Url is not null || Home is not null;

    public bool Runs(string scenario) => Scenarios.Contains(scenario);
}
