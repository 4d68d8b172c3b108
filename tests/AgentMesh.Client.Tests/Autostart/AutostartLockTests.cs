using AgentMesh.Client.Autostart;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Autostart;

public sealed class AutostartLockTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAcquire_WhileHeld_ReturnsNullAtTheDeadline()
    {
        var path = Path.Combine(_root.Path, "autostart.lock");
        using var first = await AutostartLock.TryAcquireAsync(path, DateTimeOffset.MaxValue, TimeProvider.System, Ct);

        using var second = await AutostartLock.TryAcquireAsync(path, DateTimeOffset.UtcNow.AddMilliseconds(100), TimeProvider.System, Ct);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task TryAcquire_AfterRelease_Succeeds()
    {
        var path = Path.Combine(_root.Path, "autostart.lock");
        var first = await AutostartLock.TryAcquireAsync(path, DateTimeOffset.MaxValue, TimeProvider.System, Ct);
        var waiting = AutostartLock.TryAcquireAsync(path, DateTimeOffset.MaxValue, TimeProvider.System, Ct);

        first!.Dispose(); // acquired: the deadline was unbounded
        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.NotNull(second);
    }

    public void Dispose() => _root.Dispose();
}
