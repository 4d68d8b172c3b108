using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Webhooks.WebhookHarness;

namespace AgentMesh.Server.Tests.Webhooks;

/// <summary>The dispatcher against a real receiver: signed POSTs, retries with backoff, acknowledged or dead, visible like any delivery.</summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task Deliver_ReceiverFailsTwiceThenSucceeds_RetriesSignedAndEndsAcknowledged()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n switch
        {
            1 => new ReceiverAnswer(500),
            2 => new ReceiverAnswer(503),
            _ => ReceiverAnswer.Ok,
        });
        await using var broker = await StartBrokerAsync(maxAttempts: 5);
        await broker.RegisterAsync("alice");
        var hook = (await broker.SaveWebhookAsync("hooky", receiver.At())).Webhook;
        using var events = broker.Follow();

        var sent = await broker.SendAsync("alice", "hooky", "deploy \"v2\" now\nplease");
        var id = sent.Message.Id;
        var acknowledged = await events.NextAsync(MeshEventType.DeliveryAcknowledged, id);
        var detail = await broker.Http.GetAsync($"/v1/meshes/default/messages/{id}", MeshJsonContext.Default.MessageDetail);

        var requests = receiver.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.True(SignatureVerifies(r, Secret), $"request {r.Number} is not signed with the secret"));
        Assert.All(requests, r => Assert.Equal(id, r.Header("Idempotency-Key")));
        Assert.Equal(["1", "2", "3"], requests.Select(r => r.Header("X-Mesh-Attempt")));
        Assert.All(requests, r => Assert.Equal("hooky", r.Header("X-Mesh-Agent")));
        Assert.All(requests, r => Assert.Equal("/hook", r.Path));
        var envelope = JsonSerializer.Deserialize(requests[2].Body, MeshJsonContext.Default.MessageEnvelope);
        Assert.Equal(sent.Message, envelope);
        Assert.Equal(hook.AgentId, acknowledged.Agent);
        var delivery = Assert.Single(detail.Deliveries);
        Assert.Equal((DeliveryState.Acknowledged, 3, "hooky"), (delivery.State, delivery.Attempts, delivery.RecipientName));
    }

    [Fact]
    public async Task Deliver_ReceiverAlwaysFails_IsDeadAfterMaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => new ReceiverAnswer(500));
        await using var broker = await StartBrokerAsync(maxAttempts: 3);
        await broker.RegisterAsync("alice");
        await broker.SaveWebhookAsync("hooky", receiver.At());
        using var events = broker.Follow();

        var id = (await broker.SendAsync("alice", "hooky", "doomed")).Message.Id;
        await events.NextAsync(MeshEventType.DeliveryDead, id);
        var detail = await broker.Http.GetAsync($"/v1/meshes/default/messages/{id}", MeshJsonContext.Default.MessageDetail);

        Assert.Equal(3, receiver.Requests.Count);
        var delivery = Assert.Single(detail.Deliveries);
        Assert.Equal((DeliveryState.Dead, 3), (delivery.State, delivery.Attempts));
    }

    [Fact]
    public async Task Deliver_TooManyRequestsWithRetryAfter_WaitsAsLongAsAsked()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => new ReceiverAnswer(429, RetryAfter: "3600"));
        await using var broker = await StartBrokerAsync();
        await broker.RegisterAsync("alice");
        await broker.SaveWebhookAsync("hooky", receiver.At());
        using var events = broker.Follow();

        var id = (await broker.SendAsync("alice", "hooky", "later")).Message.Id;
        var postponed = await events.NextAsync(MeshEventType.DeliveryPostponed, id);

        // Backoff alone would retry within 40 ms here; the lease says an hour, as the receiver asked.
        Assert.InRange((postponed.Delivery!.LeaseUntil!.Value - postponed.At).TotalMinutes, 59.9, 60.1);
        Assert.Equal((DeliveryState.Delivered, 1), (postponed.Delivery.State, postponed.Delivery.Attempts));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Deliver_ReceiverTooSlow_CountsAsAFailedAttemptAndIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? new ReceiverAnswer(200, Delay: TimeSpan.FromSeconds(20)) : ReceiverAnswer.Ok);
        await using var broker = await StartBrokerAsync(requestTimeout: TimeSpan.FromMilliseconds(300));
        await broker.RegisterAsync("alice");
        await broker.SaveWebhookAsync("hooky", receiver.At());
        using var events = broker.Follow();

        var id = (await broker.SendAsync("alice", "hooky", "slow")).Message.Id;
        await events.NextAsync(MeshEventType.DeliveryPostponed, id);
        await events.NextAsync(MeshEventType.DeliveryAcknowledged, id);
        var detail = await broker.Http.GetAsync($"/v1/meshes/default/messages/{id}", MeshJsonContext.Default.MessageDetail);

        Assert.Equal((DeliveryState.Acknowledged, 2), (detail.Deliveries[0].State, detail.Deliveries[0].Attempts));
    }

    [Fact]
    public async Task Deliver_AfterBrokerRestart_WebhookIsStillConfiguredAndDelivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var broker = await StartBrokerAsync();
        await broker.RegisterAsync("alice");
        await broker.SaveWebhookAsync("hooky", receiver.At());

        await broker.RestartAsync();
        using var events = broker.Follow();
        var id = (await broker.SendAsync("alice", "hooky", "after restart")).Message.Id;
        await events.NextAsync(MeshEventType.DeliveryAcknowledged, id);

        Assert.True(SignatureVerifies(Assert.Single(receiver.Requests), Secret));
    }
}
