using System.Collections.Concurrent;
using System.Diagnostics;
using AgentMesh.LoadGen.Broker;
using AgentMesh.Protocol.Local;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// The broker under test and what the scenarios share: the HTTP client, registered agents, how many messages
/// this run has stored, and the idle memory read right after start. Owns the child broker and its temporary
/// <c>MESH_HOME</c> unless attached to a running broker.
/// </summary>
internal sealed class LoadSession : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _agents = new(StringComparer.Ordinal);
    private readonly string? _meshDll;
    private readonly bool _ownsHome;
    private readonly List<string> _homes = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _stored;

    private LoadSession(LoadGenOptions options, TextWriter progress, MeshHome home, bool ownsHome, string? meshDll)
    {
        Options = options;
        Progress = progress;
        Home = home;
        _ownsHome = ownsHome;
        _meshDll = meshDll;
    }

    public LoadGenOptions Options { get; }
    public TextWriter Progress { get; }
    public MeshHome Home { get; private set; }
    public BrokerProcess? Broker { get; private set; }
    public BrokerTarget Target { get; private set; } = null!; // set by OpenAsync
    public MeshApi Api { get; private set; } = null!; // set by OpenAsync
    public MemorySample? IdleMemory { get; private set; }
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Starts a broker on a fresh temporary home, or attaches to the one named by --url/--home.</summary>
    public static async Task<LoadSession> OpenAsync(LoadGenOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        if (options.Attached)
        {
            var home = options.Home is { } path ? new MeshHome(path) : MeshHome.FromEnvironment();
            var endpoint = BrokerTarget.ReadEndpoint(home);
            var target = options.Url is { } url
                ? new BrokerTarget(null, url, home.ReadToken(), endpoint?.Pid)
                : BrokerTarget.FromEndpoint(home, endpoint ?? throw new InvalidOperationException($"No broker.json in {home.Root}: is a broker running there?"));
            var attached = new LoadSession(options, progress, home, ownsHome: false, meshDll: null);
            attached.Connect(target);
            attached.IdleMemory = target.Pid is { } pid ? ProcStats.ReadMemory(pid) : null;
            attached.Say($"attached to broker pid {target.Pid?.ToString() ?? "?"} ({options.Transport})");
            return attached;
        }
        var meshDll = MeshCli.FindDll(options.MeshDll);
        var session = new LoadSession(options, progress, NewHome(), ownsHome: !options.KeepHome, meshDll);
        await session.StartFreshAsync(cancellationToken);
        return session;
    }

    /// <summary>
    /// Replaces the broker with a new one on an empty home, for scenarios whose numbers depend on how much is
    /// stored (memory, inbox). Attached to someone else's broker, it keeps that one.
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        if (Options.Attached || Stored == 0)
        {
            return;
        }
        await StopBrokerAsync();
        Home = NewHome();
        Interlocked.Exchange(ref _stored, 0);
        _agents.Clear();
        await StartFreshAsync(cancellationToken);
    }

    /// <summary>Registers <paramref name="count"/> agents named <c>lg-{prefix}-{i}</c> once per run; returns their names.</summary>
    public async Task<IReadOnlyList<string>> AgentsAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        var key = $"{prefix}/{count}";
        if (_agents.TryGetValue(key, out var known))
        {
            return known;
        }
        var names = Enumerable.Range(0, count).Select(i => $"lg-{prefix}-{i:D3}").ToList();
        foreach (var name in names)
        {
            await Api.RegisterAsync(name, cancellationToken);
        }
        _agents[key] = names;
        return names;
    }

    public void AddStored(long count) => Interlocked.Add(ref _stored, count);

    public void Say(string line) => Progress.WriteLine($"[{Stopwatch.GetElapsedTime(_started):hh\\:mm\\:ss}] {line}");

    /// <summary>SIGKILLs the broker (no clean shutdown at all).</summary>
    public Task KillBrokerAsync(CancellationToken cancellationToken) =>
        (Broker ?? throw new InvalidOperationException("Attached to a broker this run did not start; it cannot be killed.")).KillAsync(cancellationToken);

    /// <summary>Starts a new broker process on the same home (and database) after a kill.</summary>
    public async Task<TimeSpan> RestartBrokerAsync(CancellationToken cancellationToken)
    {
        await StopBrokerAsync();
        await StartBrokerAsync(cancellationToken);
        return Broker!.StartupTime; // StartBrokerAsync set it
    }

    public async ValueTask DisposeAsync()
    {
        await StopBrokerAsync();
        foreach (var root in _homes.Where(Directory.Exists))
        {
            if (_ownsHome)
            {
                Directory.Delete(root, recursive: true);
            }
            else
            {
                Say($"kept MESH_HOME {root}");
            }
        }
    }

    private static MeshHome NewHome() => new(Path.Combine(Path.GetTempPath(), "mesh-lg-" + Guid.NewGuid().ToString("N")[..10]));

    private async Task StartFreshAsync(CancellationToken cancellationToken)
    {
        _homes.Add(Home.Root);
        await StartBrokerAsync(cancellationToken);
        // Idle means idle: give the runtime a moment after start-up before reading its footprint.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        IdleMemory = ProcStats.ReadMemory(Broker!.Pid); // StartBrokerAsync set it
    }

    private async Task StopBrokerAsync()
    {
        Api?.Http.Dispose();
        if (Broker is { } broker)
        {
            await broker.DisposeAsync();
            Broker = null;
        }
    }

    private async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        Broker = await BrokerProcess.StartAsync(_meshDll!, Home, cancellationToken); // only called when not attached
        Connect(Broker.Target);
        Say($"broker pid {Broker.Pid} ready in {Broker.StartupTime.TotalMilliseconds:N0} ms (home {Home.Root}, {Options.Transport})");
    }

    private void Connect(BrokerTarget target)
    {
        Target = target;
        Api = new MeshApi(MeshConnection.CreateClient(target, Options.Transport));
    }
}
