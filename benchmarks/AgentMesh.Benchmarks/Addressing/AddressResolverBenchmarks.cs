using AgentMesh.Core.Addressing;
using AgentMesh.Protocol.Agents;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Addressing;

/// <summary>
/// <see cref="AddressResolver.Resolve"/> over a mesh of 100 agents, once per send: by exact name, by id,
/// by folder basename (the fallback that scans every agent's cwd), and broadcast.
/// </summary>
[MemoryDiagnoser]
public class AddressResolverBenchmarks
{
    private const int AgentCount = 100;
    private AgentInfo[] _agents = null!;
    private string _sender = null!;
    private string _someId = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        _agents = [.. Enumerable.Range(0, AgentCount).Select(i => new AgentInfo
        {
            Id = $"a{i:D3}bcdef"[..8],
            Name = $"agent-{i:D3}",
            Mesh = "default",
            Kind = AgentKind.ClaudeCode,
            Status = i % 10 == 0 ? AgentStatus.Offline : AgentStatus.Online,
            Cwd = $"/home/dev/src/project-{i:D3}",
            RegisteredAt = now,
            LastSeen = now,
        })];
        _sender = _agents[0].Id;
        _someId = _agents[57].Id;
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<AgentInfo> ByName() => AddressResolver.Resolve("agent-057", _agents, _sender);

    [Benchmark]
    public IReadOnlyList<AgentInfo> ById() => AddressResolver.Resolve(_someId, _agents, _sender);

    [Benchmark]
    public IReadOnlyList<AgentInfo> ByFolder() => AddressResolver.Resolve("project-057", _agents, _sender);

    [Benchmark]
    public IReadOnlyList<AgentInfo> Broadcast() => AddressResolver.Resolve(AddressResolver.Everyone, _agents, _sender);
}
