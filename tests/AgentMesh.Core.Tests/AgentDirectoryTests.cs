using AgentMesh.Core.Agents;
using AgentMesh.Protocol.Agents;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Core.Tests;

public sealed class AgentDirectoryTests
{
    [Fact]
    public void Put_NewAndChangedAgents_EachMeshListsItsOwnOnceWithTheLatestState()
    {
        var directory = new AgentDirectory();
        directory.Load([Agent("alice"), Agent("bob"), Agent("carol", mesh: "team")]);

        directory.Put(Agent("bob") with { Status = AgentStatus.Working });
        directory.Put(Agent("dave"));

        Assert.Equal(["alice", "bob", "dave"], directory.InMesh(Mesh).Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal(AgentStatus.Working, directory.FindByName(Mesh, "bob")?.Status);
        Assert.Equal(AgentStatus.Working, directory.Get(Agent("bob").Id)?.Status);
        Assert.Equal("carol", Assert.Single(directory.InMesh("team")).Name);
        Assert.Null(directory.FindByName(Mesh, "carol"));
        Assert.Empty(directory.InMesh("nowhere"));
        Assert.Equal(4, directory.All().Count);
    }

    [Fact]
    public async Task Put_FromManyThreadsWhileSendsRead_LosesNoAgent()
    {
        var directory = new AgentDirectory();
        var writers = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                directory.Put(Agent($"w{t}-{i}"));
                _ = directory.InMesh(Mesh).Count;
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(writers);

        Assert.Equal(1600, directory.InMesh(Mesh).Count);
        Assert.Equal(1600, directory.InMesh(Mesh).Select(a => a.Id).Distinct().Count());
    }
}
