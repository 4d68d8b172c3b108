namespace AgentMesh.Core.Storage;

/// <summary>Lets a store report how its commits perform, for <c>/metrics</c>.</summary>
public interface IStoreObserver
{
    void CommitCompleted(TimeSpan duration, int operations);
}
