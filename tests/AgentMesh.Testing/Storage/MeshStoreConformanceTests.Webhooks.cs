using AgentMesh.Core.Storage;
using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    private static WebhookConfig Webhook(AgentInfo agent, string url = "https://hooks.example.com/a") => new()
    {
        AgentId = agent.Id,
        Url = url,
        Format = "custom",
        Template = """{"text":"{{body}}"}""",
        Secret = "s3cret-0123456789abcdef",
        AllowPrivate = true,
        CreatedAt = T0,
        UpdatedAt = T0.AddSeconds(1),
    };

    [Fact]
    public async Task SaveWebhook_New_StoresAgentAndSettingsTogetherAndSurvivesReopen()
    {
        var sink = new RecordingEventSink();
        var hook = Agent("hook") with { Kind = AgentKind.Webhook };
        await using (var store = await OpenAsync(sink))
        {
            await store.SaveWebhookAsync(hook, Webhook(hook), T0.AddSeconds(2), Ct);
            await store.SaveWebhookAsync(hook, Webhook(hook, "https://hooks.example.com/b") with { UpdatedAt = T0.AddSeconds(3) }, T0.AddSeconds(3), Ct);
        }

        await using var reopened = await OpenAsync();
        var saved = Assert.Single(await reopened.ListWebhooksAsync(Ct));
        Assert.Equal(Webhook(hook, "https://hooks.example.com/b") with { UpdatedAt = T0.AddSeconds(3) }, saved);
        Assert.Equal(AgentKind.Webhook, Assert.Single(await reopened.ListAgentsAsync(Ct)).Kind);
        Assert.Equal([MeshEventType.AgentRegistered, MeshEventType.AgentRegistered], sink.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task DeleteWebhook_Configured_RemovesSettingsAndSavesTheAgentOffline()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var hook = Agent("hook") with { Kind = AgentKind.Webhook };
        await store.SaveWebhookAsync(hook, Webhook(hook), T0, Ct);

        var deleted = await store.DeleteWebhookAsync(hook with { Status = AgentStatus.Offline }, T0.AddSeconds(5), Ct);
        var again = await store.DeleteWebhookAsync(hook with { Status = AgentStatus.Offline }, T0.AddSeconds(6), Ct);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Empty(await store.ListWebhooksAsync(Ct));
        Assert.Equal(AgentStatus.Offline, Assert.Single(await store.ListAgentsAsync(Ct)).Status);
        var offline = Assert.Single(sink.Events, e => e.Type == MeshEventType.AgentOffline);
        Assert.Equal(T0.AddSeconds(5), offline.At);
    }

    [Fact]
    public async Task Postpone_Delivered_HoldsItUntilRetryAtThenRedeliversWithOneMoreAttempt()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, hook) = (Agent("alice"), Agent("hook"));
        await SaveAsync(store, alice, hook);
        var sent = await SendAsync(store, Message(alice, "m1"), hook);
        var id = sent.Message.Id;
        var now = T0.AddSeconds(10);
        Assert.Single(await ConsumeAsync(store, hook, now));

        var postponed = await store.PostponeAsync(hook.Id, id, now.AddSeconds(30), now.AddSeconds(1), Ct);
        var early = await store.ConsumeAsync(hook.Id, 10, now.AddSeconds(29), now.AddMinutes(5), 5, Ct);
        var expiredEarly = await store.ExpireLeasesAsync(now.AddSeconds(29), 5, Ct);
        var due = await store.ConsumeAsync(hook.Id, 10, now.AddSeconds(30), now.AddMinutes(5), 5, Ct);

        Assert.True(postponed);
        Assert.Empty(early);
        Assert.Equal(0, expiredEarly);
        var retried = Assert.Single(due);
        Assert.Equal((id, 2), (retried.Message.Id, retried.Attempts));
        var e = Assert.Single(sink.Events, e => e.Type == MeshEventType.DeliveryPostponed);
        Assert.Equal((id, DeliveryState.Delivered, 1, now.AddSeconds(30)), (e.Delivery?.MessageId, e.Delivery?.State, e.Delivery?.Attempts, e.Delivery?.LeaseUntil));
        Assert.Equal(hook.Id, e.Agent);
        var detail = await store.GetMessageAsync(Mesh, id, Ct);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(detail!.Deliveries).State);
    }

    [Fact]
    public async Task Postpone_LastAttempt_GoesDeadWhenTheLeaseEnds()
    {
        await using var store = await OpenAsync();
        var (alice, hook) = (Agent("alice"), Agent("hook"));
        await SaveAsync(store, alice, hook);
        var id = (await SendAsync(store, Message(alice, "m1"), hook)).Message.Id;
        var now = T0.AddSeconds(10);
        Assert.Single(await ConsumeAsync(store, hook, now, maxAttempts: 1));

        await store.PostponeAsync(hook.Id, id, now, now, Ct);
        var after = await ConsumeAsync(store, hook, now, maxAttempts: 1);

        Assert.Empty(after);
        var detail = await store.GetMessageAsync(Mesh, id, Ct);
        Assert.Equal((DeliveryState.Dead, 1), (Assert.Single(detail!.Deliveries).State, detail.Deliveries[0].Attempts));
    }

    [Fact]
    public async Task Postpone_QueuedAcknowledgedOrUnknown_ChangesNothing()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, hook) = (Agent("alice"), Agent("hook"));
        await SaveAsync(store, alice, hook);
        var queued = (await SendAsync(store, Message(alice, "queued"), hook)).Message.Id;
        var acked = (await SendAsync(store, Message(alice, "acked"), hook)).Message.Id;
        await store.AckAsync(hook.Id, [acked], T0, Ct);
        var seq = await store.LastSeqAsync(Mesh, Ct);

        Assert.False(await store.PostponeAsync(hook.Id, queued, T0.AddMinutes(1), T0, Ct));
        Assert.False(await store.PostponeAsync(hook.Id, acked, T0.AddMinutes(1), T0, Ct));
        Assert.False(await store.PostponeAsync(hook.Id, "01NOSUCHMESSAGE0000000000", T0.AddMinutes(1), T0, Ct));
        Assert.False(await store.PostponeAsync(alice.Id, queued, T0.AddMinutes(1), T0, Ct));

        Assert.Equal(seq, await store.LastSeqAsync(Mesh, Ct));
        var peek = await store.PeekAsync(hook.Id, 10, Ct);
        Assert.Equal((queued, DeliveryState.Queued, (DateTimeOffset?)null), (peek[0].Message.Id, peek[0].State, peek[0].LeaseUntil));
    }
}
