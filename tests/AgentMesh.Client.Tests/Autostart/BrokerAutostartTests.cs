using AgentMesh.Client.Autostart;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Autostart;

public sealed class BrokerAutostartTests : IDisposable
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MeshHome Home => new(_root.Path);

    [Fact]
    public async Task EnsureRunning_TwoClientsRace_LaunchOneBroker()
    {
        var launcher = new FakeLauncher(gated: true);
        var first = Autostart(launcher);
        var second = Autostart(launcher);

        var a = first.EnsureRunningAsync(Ct);
        var b = second.EnsureRunningAsync(Ct);
        await launcher.Launching.Task.WaitAsync(_bound, Ct);
        launcher.Gate.SetResult();
        var started = await Task.WhenAll(a, b).WaitAsync(_bound, Ct);

        Assert.Equal(1, launcher.Launches);
        Assert.Equal(1, started.Count(s => s));
    }

    [Fact]
    public async Task EnsureRunning_BrokerAlreadyAnswers_LaunchesNothing()
    {
        var launcher = new FakeLauncher { Answering = true };

        var started = await Autostart(launcher).EnsureRunningAsync(Ct).WaitAsync(_bound, Ct);

        Assert.False(started);
        Assert.Equal(0, launcher.Launches);
    }

    [Fact]
    public async Task EnsureRunning_BrokerExitsAtStart_FailsWithTheLastLogLine()
    {
        var launcher = new FakeLauncher
        {
            OnLaunch = home =>
            {
                File.WriteAllText(home.LogPath, "starting\nFailed to bind to address 127.0.0.1:7700: address already in use.\n\n");
                return new LaunchedBroker(() => true);
            },
        };

        var error = await Assert.ThrowsAsync<MeshException>(() => Autostart(launcher).EnsureRunningAsync(Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.Contains("address already in use", error.Message);
        Assert.Contains(Home.LogPath, error.Message);
    }

    [Fact]
    public async Task EnsureRunning_BrokerNeverAnswers_FailsPointingAtTheLog()
    {
        var launcher = new FakeLauncher { OnLaunch = _ => LaunchedBroker.Untracked };

        var error = await Assert.ThrowsAsync<MeshException>(
            () => Autostart(launcher, startTimeout: TimeSpan.FromMilliseconds(200)).EnsureRunningAsync(Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.Contains("did not answer", error.Message);
        Assert.Contains(Home.LogPath, error.Message);
    }

    [Fact]
    public async Task EnsureRunning_LockHeldTooLong_FailsSayingAnotherStartIsUnderWay()
    {
        Home.EnsureCreated();
        using var held = await AutostartLock.TryAcquireAsync(Home.AutostartLockPath, DateTimeOffset.MaxValue, TimeProvider.System, Ct);
        var launcher = new FakeLauncher();
        var autostart = new BrokerAutostart(Home, launcher, launcher.IsAnsweringAsync, TimeSpan.FromSeconds(1), TimeProvider.System, TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<MeshException>(() => autostart.EnsureRunningAsync(Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.Contains("still starting", error.Message);
        Assert.Equal(0, launcher.Launches);
    }

    private BrokerAutostart Autostart(FakeLauncher launcher, TimeSpan? startTimeout = null) =>
        new(Home, launcher, launcher.IsAnsweringAsync, startTimeout ?? TimeSpan.FromSeconds(10), TimeProvider.System);

    public void Dispose() => _root.Dispose();
}
