using AgentMesh.Core.Storage;
using AgentMesh.Testing;
using AgentMesh.Testing.Storage;

namespace AgentMesh.Storage.Sqlite.Tests;

/// <summary>The store conformance suite, on a real SQLite file in a temp folder.</summary>
public sealed class SqliteMeshStoreTests : MeshStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<IMeshStore> CreateStoreAsync() =>
        Task.FromResult<IMeshStore>(new SqliteMeshStore(Path.Combine(_directory.Path, "mesh.db"), new RecordingStoreObserver()));

    public void Dispose() => _directory.Dispose();
}
