using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task Initialize_NewStore_HasDefaultMeshAndNoEvents()
    {
        await using var store = await OpenAsync();

        var meshes = await store.ListMeshesAsync(Ct);

        var mesh = Assert.Single(meshes);
        Assert.Equal(Mesh, mesh.Name);
        Assert.Equal(T0, mesh.CreatedAt);
        Assert.Equal(0, await store.LastSeqAsync(Mesh, Ct));
        Assert.False(string.IsNullOrWhiteSpace(store.Description));
    }

    [Fact]
    public async Task CreateMesh_Twice_ReturnsTheFirstAndListsItOnce()
    {
        await using var store = await OpenAsync();

        var first = await store.CreateMeshAsync("team", T0.AddMinutes(1), Ct);
        var again = await store.CreateMeshAsync("team", T0.AddMinutes(2), Ct);

        Assert.Equal(first, again);
        Assert.Equal(T0.AddMinutes(1), again.CreatedAt);
        Assert.Equal(["default", "team"], (await store.ListMeshesAsync(Ct)).Select(m => m.Name));
    }

    [Fact]
    public async Task SaveAgent_InsertThenUpdate_ListsTheLatestVersion()
    {
        await using var store = await OpenAsync();
        var alice = Agent("alice") with { Host = "box", Cwd = "/src/api", Pid = 42, SessionId = "s-1", TranscriptPath = "/t.jsonl" };

        await store.SaveAgentAsync(alice, MeshEventType.AgentRegistered, alice.LastSeen, Ct);
        var working = alice with { Status = AgentStatus.Working, Cwd = null, Pid = null, LastSeen = T0.AddSeconds(10) };
        await store.SaveAgentAsync(working, MeshEventType.AgentStatus, working.LastSeen, Ct);

        var stored = Assert.Single(await store.ListAgentsAsync(Ct));
        Assert.Equal(working, stored);
        Assert.Equal(TimeSpan.Zero, stored.LastSeen.Offset);
    }

    [Fact]
    public async Task SaveAgent_WithAndWithoutEventType_AppendsOnlyTheTypedEvents()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var alice = Agent("alice");

        await store.SaveAgentAsync(alice, MeshEventType.AgentRegistered, alice.LastSeen, Ct);
        await store.SaveAgentAsync(alice with { LastSeen = T0.AddSeconds(10) }, null, T0.AddSeconds(10), Ct);
        await store.SaveAgentAsync(alice with { Status = AgentStatus.Offline, LastSeen = T0.AddSeconds(10) }, MeshEventType.AgentOffline, T0.AddSeconds(40), Ct);

        var events = await AllEventsAsync(store);
        Assert.Equal([MeshEventType.AgentRegistered, MeshEventType.AgentOffline], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(alice.Id, e.Agent));
        Assert.Equal(AgentStatus.Offline, events[1].AgentInfo?.Status);
        Assert.Equal(T0.AddSeconds(40), events[1].At); // when it went offline, not when it was last seen
        Assert.Equal(events, sink.Events);
    }

    [Fact]
    public async Task ListAgents_SeveralMeshes_ListsEveryAgentIncludingOffline()
    {
        await using var store = await OpenAsync();
        await store.CreateMeshAsync("team", T0, Ct);

        await SaveAsync(store, Agent("alice"), Agent("bob", status: AgentStatus.Offline), Agent("carol", mesh: "team"));

        var agents = await store.ListAgentsAsync(Ct);
        Assert.Equal(["alice", "bob", "carol"], agents.Select(a => a.Name).Order());
        Assert.Equal("team", agents.Single(a => a.Name == "carol").Mesh);
    }
}
