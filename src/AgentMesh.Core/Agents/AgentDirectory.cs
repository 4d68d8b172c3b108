using System.Collections.Concurrent;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.Core.Agents;

/// <summary>
/// The in-memory copy of every agent, loaded from the store at start and updated after each durable
/// write, so addressing and presence never touch the database.
/// </summary>
public sealed class AgentDirectory
{
    private readonly ConcurrentDictionary<string, AgentInfo> _byId = new();

    public void Load(IEnumerable<AgentInfo> agents)
    {
        foreach (var agent in agents)
        {
            _byId[agent.Id] = agent;
        }
    }

    public void Put(AgentInfo agent) => _byId[agent.Id] = agent;

    public AgentInfo? Get(string id) => _byId.GetValueOrDefault(id);

    public AgentInfo? FindByName(string mesh, string name) =>
        _byId.Values.FirstOrDefault(a => a.Mesh == mesh && a.Name == name);

    /// <summary>The mesh's agents, in no particular order (sends resolve against this; it stays cheap).</summary>
    public IReadOnlyList<AgentInfo> InMesh(string mesh) => [.. _byId.Values.Where(a => a.Mesh == mesh)];

    public IReadOnlyList<AgentInfo> All() => [.. _byId.Values];
}
