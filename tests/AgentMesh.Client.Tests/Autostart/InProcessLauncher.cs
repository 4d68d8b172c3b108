using System.Collections.Concurrent;
using AgentMesh.Client.Autostart;
using AgentMesh.Protocol.Local;
using AgentMesh.Server;

namespace AgentMesh.Client.Tests.Autostart;

/// <summary>"Launches" a real broker inside the test process (socket only), and stops them all on dispose.</summary>
internal sealed class InProcessLauncher : IBrokerLauncher, IAsyncDisposable
{
    private readonly ConcurrentBag<BrokerHost> _hosts = [];

    public int Launches => _hosts.Count;

    public async Task<LaunchedBroker> LaunchAsync(MeshHome home, CancellationToken cancellationToken)
    {
        var host = await BrokerHost.StartAsync(new BrokerHostOptions { Home = home, Port = null, RunMaintenance = false }, cancellationToken);
        _hosts.Add(host);
        return LaunchedBroker.Untracked;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
