using AgentMesh.Client.Autostart;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Client.Tests.Autostart;

/// <summary>A launcher that "starts" a broker by flipping <see cref="Answering"/>, optionally held at a gate.</summary>
internal sealed class FakeLauncher : IBrokerLauncher
{
    private int _launches;

    public int Launches => Volatile.Read(ref _launches);
    public volatile bool Answering;
    public TaskCompletionSource Launching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Func<MeshHome, LaunchedBroker>? OnLaunch { get; init; }

    public FakeLauncher(bool gated = false)
    {
        if (!gated)
        {
            Gate.SetResult();
        }
    }

    public Task<bool> IsAnsweringAsync(CancellationToken cancellationToken) => Task.FromResult(Answering);

    public async Task<LaunchedBroker> LaunchAsync(MeshHome home, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _launches);
        Launching.TrySetResult();
        await Gate.Task.WaitAsync(cancellationToken);
        if (OnLaunch is not null)
        {
            return OnLaunch(home);
        }
        Answering = true;
        return LaunchedBroker.Untracked;
    }
}
