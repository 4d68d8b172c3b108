using AgentMesh.Core.Storage;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>Remembers how many operations each commit carried.</summary>
internal sealed class RecordingStoreObserver : IStoreObserver
{
    private readonly Lock _gate = new();
    private readonly List<int> _operations = [];

    public IReadOnlyList<int> Commits
    {
        get
        {
            lock (_gate)
            {
                return [.. _operations];
            }
        }
    }

    public void CommitCompleted(TimeSpan duration, int operations)
    {
        Assert.True(duration >= TimeSpan.Zero);
        lock (_gate)
        {
            _operations.Add(operations);
        }
    }
}
