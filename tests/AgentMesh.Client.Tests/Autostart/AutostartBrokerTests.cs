using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Autostart;

/// <summary>Lazy autostart through a real <see cref="MeshClient"/> and a real broker started in-process.</summary>
public sealed class AutostartBrokerTests : IAsyncDisposable
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _root = new();
    private readonly InProcessLauncher _launcher = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_NoBrokerAndAutostart_StartsOneAndAnswers()
    {
        using var client = Client();

        var agents = await client.ListAgentsAsync(false, Ct).WaitAsync(_bound, Ct);

        Assert.Empty(agents);
        Assert.Equal(1, _launcher.Launches);
    }

    [Fact]
    public async Task Request_FourClientsRaceWithNoBroker_ExactlyOneBrokerStarts()
    {
        var clients = Enumerable.Range(0, 4).Select(_ => Client()).ToList();

        var registered = await Task.WhenAll(clients.Select((c, i) =>
            c.RegisterAsync(new() { Name = $"agent{i}" }, Ct))).WaitAsync(_bound, Ct);

        Assert.Equal(4, registered.Select(a => a.Id).Distinct().Count());
        Assert.Equal(1, _launcher.Launches);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Status_NoBroker_NeverAutostarts()
    {
        using var client = Client();

        await Assert.ThrowsAsync<AgentMesh.Protocol.Errors.MeshException>(() => client.GetStatusAsync(Ct).WaitAsync(_bound, Ct));

        Assert.Equal(0, _launcher.Launches);
    }

    private MeshClient Client() => new(new MeshClientOptions { Home = new MeshHome(_root.Path), Autostart = true, Launcher = _launcher });

    public async ValueTask DisposeAsync()
    {
        await _launcher.DisposeAsync();
        _root.Dispose();
    }
}
