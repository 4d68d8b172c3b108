using AgentMesh.Core.Events;
using AgentMesh.Core.Identity;
using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Storage.Sqlite;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Storage;

/// <summary>
/// The store's half of an inbox peek: 100 waiting messages of ~200-byte bodies read from a real SQLite file
/// (the load generator's inbox measurement without HTTP and JSON).
/// </summary>
[MemoryDiagnoser]
public class PeekBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mesh-bench-{Guid.NewGuid():N}");
    private SqliteMeshStore _store = null!;
    private AgentInfo _probe = null!;

    [Params(1, 100)]
    public int Limit { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = new SqliteMeshStore(Path.Combine(_folder, "mesh.db"));
        var now = DateTimeOffset.UtcNow;
        await _store.InitializeAsync(new NoSubscribers(), now, CancellationToken.None);
        var sender = Agent("bench-sender", now);
        _probe = Agent("bench-probe", now);
        await _store.SaveAgentAsync(sender, null, now, CancellationToken.None);
        await _store.SaveAgentAsync(_probe, null, now, CancellationToken.None);
        var ids = new MessageIds(TimeProvider.System);
        for (var n = 0; n < 100; n++)
        {
            var id = ids.Next();
            var message = new MessageEnvelope
            {
                Id = id,
                Mesh = "default",
                From = sender.Id,
                FromName = sender.Name,
                To = _probe.Name,
                Kind = MessageKind.Note,
                Body = $"probe #{n}: please run the unit tests for the parser module and report which ones fail, with the first error line of each; do not change any files yet",
                ThreadId = id,
                CreatedAt = now,
            };
            await _store.AppendMessageAsync(message, [_probe], null, CancellationToken.None);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<int> Peek() => (await _store.PeekAsync(_probe.Id, Limit, CancellationToken.None)).Count;

    private static AgentInfo Agent(string name, DateTimeOffset now) => new()
    {
        Id = AgentIds.FromSessionId("default", name),
        Name = name,
        Mesh = "default",
        Kind = AgentKind.Http,
        Status = AgentStatus.Online,
        RegisteredAt = now,
        LastSeen = now,
    };

    private sealed class NoSubscribers : IEventSink
    {
        public void Publish(IReadOnlyList<MeshEvent> events)
        {
        }
    }
}
