using System.Text.Json;
using AgentMesh.Core.Broker;
using AgentMesh.Core.Telemetry;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Local;
using AgentMesh.Server.Hosting;
using AgentMesh.Server.Security;
using AgentMesh.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AgentMesh.Server;

/// <summary>
/// A running broker: Kestrel on the unix socket and loopback TCP, over a SQLite store. The CLI, tests and
/// benchmarks all start it in-process the same way. Dispose it to stop; it removes its socket and
/// <c>broker.json</c> on the way out.
/// </summary>
public sealed class BrokerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BrokerLock _lock;
    private readonly MeshHome _home;
    private int _disposed;

    private BrokerHost(WebApplication app, BrokerLock brokerLock, MeshHome home, string token, MeshBroker broker)
    {
        _app = app;
        _lock = brokerLock;
        _home = home;
        Token = token;
        Broker = broker;
    }

    public Uri? Url { get; private set; }
    public string? SocketPath { get; private set; }
    public string Token { get; }
    public MeshBroker Broker { get; }

    /// <summary>Runs a sweep of presence and leases now (tests move a fake clock, then call this).</summary>
    public Task SweepAsync(CancellationToken cancellationToken) =>
        _app.Services.GetRequiredService<MaintenanceLoop>().SweepOnceAsync(cancellationToken);

    public static async Task<BrokerHost> StartAsync(BrokerHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bindAddress = options.Port is null ? null : ListenerPolicy.ResolveLoopback(options.Host);
        if (options is { FallBackToFreePort: true, Port: > 0 and var port } && bindAddress is not null && !IsPortFree(bindAddress, port))
        {
            options = options with { Port = 0 };
        }
        var home = options.Home;
        home.EnsureCreated();
        var token = home.ReadOrCreateToken();
        var brokerLock = BrokerLock.Acquire(home);
        try
        {
            var metrics = new BrokerMetrics();
            var storePath = Path.GetFullPath(options.StorePath ?? home.DatabasePath);
            var store = new SqliteMeshStore(storePath, metrics);
            var broker = new MeshBroker(store, options.Mesh, options.Time, metrics);
            await broker.StartAsync(cancellationToken);

            var runtime = new BrokerRuntime(options.Time.GetUtcNow(), "sqlite:" + storePath);
            var app = BrokerApplication.Build(options, broker, metrics, runtime, new BrokerToken(token), bindAddress);
            var host = new BrokerHost(app, brokerLock, home, token, broker);
            await app.StartAsync(cancellationToken);
            host.ReadBoundAddresses(options, runtime);
            host.WriteEndpointFile(options);
            return host;
        }
        catch
        {
            brokerLock.Dispose();
            throw;
        }
    }

    private static bool IsPortFree(System.Net.IPAddress address, int port)
    {
        try
        {
            var probe = new System.Net.Sockets.TcpListener(address, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
            await Broker.Store.DisposeAsync();
        }
        finally
        {
            TryDelete(_home.BrokerInfoPath);
            if (SocketPath is not null)
            {
                TryDelete(SocketPath);
            }
            _lock.Dispose();
        }
    }

    private void ReadBoundAddresses(BrokerHostOptions options, BrokerRuntime runtime)
    {
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.Contains("unix:", StringComparison.Ordinal));
        Url = http is null ? null : new Uri(http.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        SocketPath = options.UnixSocket ? _home.SocketPath : null;
        runtime.Url = Url;
        runtime.SocketPath = SocketPath;
    }

    private void WriteEndpointFile(BrokerHostOptions options)
    {
        var endpoint = new BrokerEndpoint
        {
            Pid = Environment.ProcessId,
            Socket = SocketPath,
            Url = Url?.ToString(),
            StartedAt = options.Time.GetUtcNow(),
            Version = BrokerRuntime.Version,
        };
        MeshHome.WritePrivateFile(_home.BrokerInfoPath, JsonSerializer.Serialize(endpoint, MeshJsonContext.Default.BrokerEndpoint));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // another broker may own it by now
        }
    }
}
