using System.Collections.Concurrent;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.Core.Agents;

/// <summary>
/// The in-memory copy of every agent, loaded from the store at start and updated after each durable
/// write, so addressing and presence never touch the database. Every send reads its mesh's agents, and
/// agents change far less often than they are read: each mesh's list is an array rebuilt on change and
/// read without a lock or a copy (<see cref="ConcurrentDictionary{TKey,TValue}.Values"/> takes every
/// lock of the dictionary and copies it, which 64 concurrent senders queued on).
/// </summary>
public sealed class AgentDirectory
{
    private readonly ConcurrentDictionary<string, AgentInfo> _byId = new();
    private readonly Lock _changes = new();
    private Dictionary<string, AgentInfo[]> _byMesh = new(StringComparer.Ordinal); // replaced on change, never mutated

    public void Load(IEnumerable<AgentInfo> agents)
    {
        lock (_changes)
        {
            foreach (var agent in agents)
            {
                _byId[agent.Id] = agent;
            }
            Volatile.Write(ref _byMesh, _byId.Values.GroupBy(a => a.Mesh, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
        }
    }

    public void Put(AgentInfo agent)
    {
        lock (_changes)
        {
            _byId[agent.Id] = agent;
            var meshes = new Dictionary<string, AgentInfo[]>(Volatile.Read(ref _byMesh), StringComparer.Ordinal)
            {
                [agent.Mesh] = [.. InMesh(agent.Mesh).Where(a => a.Id != agent.Id), agent],
            };
            Volatile.Write(ref _byMesh, meshes);
        }
    }

    public AgentInfo? Get(string id) => _byId.GetValueOrDefault(id);

    public AgentInfo? FindByName(string mesh, string name)
    {
        foreach (var agent in InMesh(mesh))
        {
            if (agent.Name == name)
            {
                return agent;
            }
        }
        return null;
    }

    /// <summary>The mesh's agents, in no particular order: a shared snapshot, not to be modified.</summary>
    public IReadOnlyList<AgentInfo> InMesh(string mesh) => Volatile.Read(ref _byMesh).GetValueOrDefault(mesh) ?? [];

    public IReadOnlyList<AgentInfo> All() => [.. Volatile.Read(ref _byMesh).Values.SelectMany(agents => agents)];
}
