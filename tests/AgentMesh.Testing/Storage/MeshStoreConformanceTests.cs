using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IMeshStore"/> must have, run against each implementation by deriving from
/// this class. Split by concern into partial files; the data comes from <see cref="StoreData"/>.
/// </summary>
public abstract partial class MeshStoreConformanceTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A new, uninitialised store over this test's own database. Called again after the first one was
    /// disposed, it must open the same data: that is how durability is tested.
    /// </summary>
    protected abstract Task<IMeshStore> CreateStoreAsync();

    protected async Task<IMeshStore> OpenAsync(RecordingEventSink? sink = null)
    {
        var store = await CreateStoreAsync();
        await store.InitializeAsync(sink ?? new RecordingEventSink(), T0, Ct);
        return store;
    }

    protected static async Task SaveAsync(IMeshStore store, params AgentInfo[] agents)
    {
        foreach (var agent in agents)
        {
            await store.SaveAgentAsync(agent, MeshEventType.AgentRegistered, agent.LastSeen, Ct);
        }
    }

    protected static Task<SendResult> SendAsync(IMeshStore store, MessageEnvelope message, params AgentInfo[] recipients) =>
        store.AppendMessageAsync(message, recipients, null, Ct);

    protected static Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        IMeshStore store, AgentInfo agent, DateTimeOffset now, int maxAttempts = 5, int limit = 100) =>
        store.ConsumeAsync(agent.Id, limit, now, now + TimeSpan.FromMinutes(5), maxAttempts, Ct);

    protected static async Task<IReadOnlyList<MeshEvent>> AllEventsAsync(IMeshStore store, string mesh = Mesh, string? agentId = null)
    {
        var events = new List<MeshEvent>();
        while (true)
        {
            var page = await store.ReadEventsAsync(mesh, events.Count == 0 ? 0 : events[^1].Seq, agentId, 500, Ct);
            events.AddRange(page);
            if (page.Count < 500)
            {
                return events;
            }
        }
    }

    protected static void AssertContiguous(IEnumerable<MeshEvent> events)
    {
        var seqs = events.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }
}
