using AgentMesh.Core.Policies;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task SavePolicy_ThenReplace_ListsTheLatestAfterReopenWithAnEventEach()
    {
        var sink = new RecordingEventSink();
        var bob = Agent("bob");
        await using (var store = await OpenAsync(sink))
        {
            await SaveAsync(store, bob);
            await store.SavePolicyAsync(new StoredPolicy(bob.Id, ["/compact", "/clear"], T0.AddSeconds(1)), Ct);
            await store.SavePolicyAsync(new StoredPolicy(bob.Id, ["/review"], T0.AddSeconds(2)), Ct);
        }

        await using var reopened = await OpenAsync();
        var saved = Assert.Single(await reopened.ListPoliciesAsync(Ct));
        Assert.Equal((bob.Id, T0.AddSeconds(2)), (saved.AgentId, saved.UpdatedAt));
        Assert.Equal(["/review"], saved.AllowedCommands);
        var events = sink.Events.Where(e => e.Type == MeshEventType.AgentPolicy).ToList();
        Assert.Equal([T0.AddSeconds(1), T0.AddSeconds(2)], events.Select(e => e.At));
        Assert.All(events, e => Assert.Equal(bob.Id, e.Agent));
    }

    [Fact]
    public async Task SavePolicy_Empty_IsStoredAsAnEmptyList()
    {
        await using var store = await OpenAsync();
        var bob = Agent("bob");
        await SaveAsync(store, bob);

        await store.SavePolicyAsync(new StoredPolicy(bob.Id, [], T0), Ct);

        Assert.Empty(Assert.Single(await store.ListPoliciesAsync(Ct)).AllowedCommands);
    }

    [Fact]
    public async Task SavePolicy_UnknownAgent_IsAgentNotFoundAndStoresNothing()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MeshException>(() => store.SavePolicyAsync(new StoredPolicy("nobody00", ["/compact"], T0), Ct));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Empty(await store.ListPoliciesAsync(Ct));
        Assert.Equal(0, await store.LastSeqAsync(Mesh, Ct));
    }

    [Fact]
    public async Task Consume_WithKinds_TakesOnlyThoseAndLeavesTheRestQueued()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var command = (await SendAsync(store, Message(alice, "/compact") with { Kind = MessageKind.Command }, bob)).Message.Id;
        var task = (await SendAsync(store, Message(alice, "review"), bob)).Message.Id;
        var note = (await SendAsync(store, Message(alice, "fyi") with { Kind = MessageKind.Note }, bob)).Message.Id;

        var forModels = await store.ConsumeAsync(bob.Id, 10, T0, T0.AddMinutes(5), 5, MessageKind.ForModels, Ct);
        var commands = await store.ConsumeAsync(bob.Id, 10, T0, T0.AddMinutes(5), 5, [MessageKind.Command], Ct);

        Assert.Equal([task, note], forModels.Select(i => i.Message.Id));
        Assert.Equal([command], commands.Select(i => i.Message.Id));
        Assert.Equal(MessageKind.Command, commands[0].Message.Kind);
    }
}
