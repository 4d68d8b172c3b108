using System.Net;
using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class MessagingTests
{
    [Fact]
    public async Task Send_Consume_Ack_MovesThroughEveryState()
    {
        await using var broker = await TestBroker.StartAsync();
        var alice = await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var sent = await broker.SendAsync("alice", "bob", "review the api");
        var peeked = await broker.Http.GetAsync("/v1/meshes/default/agents/bob/inbox", MeshJsonContext.Default.InboxResponse);
        var consumed = await broker.ConsumeAsync("bob");
        var afterConsume = await broker.Http.GetAsync($"/v1/meshes/default/messages/{sent.Message.Id}", MeshJsonContext.Default.MessageDetail);
        var ack = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/bob/ack", new AckRequest([sent.Message.Id]), MeshJsonContext.Default.AckRequest, Ct);
        var afterAck = await broker.Http.GetAsync($"/v1/meshes/default/messages/{sent.Message.Id}", MeshJsonContext.Default.MessageDetail);
        var inboxAfter = await broker.Http.GetAsync("/v1/meshes/default/agents/bob/inbox", MeshJsonContext.Default.InboxResponse);

        Assert.Equal(alice.Id, sent.Message.From);
        Assert.Equal(MessageKind.Task, sent.Message.Kind);
        Assert.Equal(DeliveryState.Queued, Assert.Single(sent.Deliveries).State);
        Assert.Equal(DeliveryState.Queued, Assert.Single(peeked.Messages).State);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(consumed.Messages).State);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(afterConsume.Deliveries).State);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(DeliveryState.Acknowledged, Assert.Single(afterAck.Deliveries).State);
        Assert.Empty(inboxAfter.Messages);
    }

    [Fact]
    public async Task Send_BodyHasFrom_IsIgnoredSenderIsThePathAgent()
    {
        await using var broker = await TestBroker.StartAsync();
        var alice = await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.RegisterAsync("mallory");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages",
            """{"to":"bob","body":"trust me","from":"mallory","from_name":"mallory"}""");

        var sent = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, Ct);
        Assert.Equal(alice.Id, sent?.Message.From);
        Assert.Equal("alice", sent?.Message.FromName);
    }

    [Fact]
    public async Task Send_SameIdempotencyKey_ReturnsTheOriginal()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var first = await broker.SendAsync("alice", "bob", "deploy", key: "k-1");
        var again = await broker.SendAsync("alice", "bob", "deploy", key: "k-1");
        var inbox = await broker.Http.GetAsync("/v1/meshes/default/agents/bob/inbox", MeshJsonContext.Default.InboxResponse);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Message.Id, again.Message.Id);
        Assert.Single(inbox.Messages);
    }

    [Fact]
    public async Task Send_ToEveryone_ReachesEveryLiveAgentButTheSender()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.RegisterAsync("carol");
        await broker.RegisterAsync("gone");
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/gone", Ct);

        var sent = await broker.SendAsync("alice", "*", "standup", kind: MessageKind.Note);

        Assert.Equal(["bob", "carol"], sent.Deliveries.Select(d => d.RecipientName).Order());
    }

    [Fact]
    public async Task Send_ByIdAndByFolder_Resolve()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        var bob = await broker.RegisterAsync("bob", cwd: "/home/me/src/billing");

        var byId = await broker.SendAsync("alice", bob.Id, "one");
        var byFolder = await broker.SendAsync("alice", "billing", "two");

        Assert.Equal(bob.Id, Assert.Single(byId.Deliveries).Recipient);
        Assert.Equal(bob.Id, Assert.Single(byFolder.Deliveries).Recipient);
    }

    [Fact]
    public async Task Reply_Thread_ListsTheConversationInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var question = await broker.SendAsync("alice", "bob", "which port?");
        var answer = await broker.SendAsync("bob", "alice", "7700", inReplyTo: question.Message.Id);
        var thanks = await broker.SendAsync("alice", "bob", "thanks", kind: MessageKind.Note, inReplyTo: answer.Message.Id);
        var thread = await broker.Http.GetAsync($"/v1/meshes/default/messages/{thanks.Message.Id}/thread", MeshJsonContext.Default.MessageList);

        Assert.Equal(question.Message.Id, answer.Message.ThreadId);
        Assert.Equal(["which port?", "7700", "thanks"], thread.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task History_ForAgent_ListsSentAndReceivedNewestFirst()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.RegisterAsync("carol");
        await broker.SendAsync("alice", "bob", "1");
        await broker.SendAsync("bob", "alice", "2");
        await broker.SendAsync("carol", "bob", "3");

        var alice = await broker.Http.GetAsync("/v1/meshes/default/messages?agent=alice", MeshJsonContext.Default.MessageList);
        var mesh = await broker.Http.GetAsync("/v1/meshes/default/messages?limit=2", MeshJsonContext.Default.MessageList);

        Assert.Equal(["2", "1"], alice.Messages.Select(m => m.Body));
        Assert.Equal(["3", "2"], mesh.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task Search_FindsBodiesByWords()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.SendAsync("alice", "bob", "the deploy of billing failed");
        await broker.SendAsync("alice", "bob", "lunch at noon");

        var found = await broker.Http.GetAsync("/v1/meshes/default/search?q=deploy", MeshJsonContext.Default.MessageList);

        Assert.Equal("the deploy of billing failed", Assert.Single(found.Messages).Body);
    }

    [Fact]
    public async Task Consume_WithWait_ReturnsWhenAMessageArrives()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var waiting = broker.ConsumeAsync("bob", wait: 30);
        await broker.SendAsync("alice", "bob", "wake up");
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal("wake up", Assert.Single(result.Messages).Message.Body);
    }

    [Fact]
    public async Task Consume_WithWaitAndNothing_ReturnsEmptyAfterTheWait()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        await broker.RegisterAsync("bob");

        var waiting = broker.ConsumeAsync("bob", wait: 30);
        while (!waiting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAny(waiting, Task.Delay(50, Ct));
        }

        Assert.Empty((await waiting).Messages);
    }

    [Fact]
    public async Task Lease_Expired_RedeliversThenDeadAfterMaxAttempts()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(
            o => o with { Mesh = o.Mesh with { LeaseDuration = TimeSpan.FromMinutes(1), MaxDeliveryAttempts = 2 } }, clock);
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        var sent = await broker.SendAsync("alice", "bob", "flaky");

        var first = await broker.ConsumeAsync("bob");
        var whileLeased = await broker.ConsumeAsync("bob");
        clock.Advance(TimeSpan.FromMinutes(2));
        var second = await broker.ConsumeAsync("bob");
        clock.Advance(TimeSpan.FromMinutes(2));
        await broker.Host.SweepAsync(Ct);
        var detail = await broker.Http.GetAsync($"/v1/meshes/default/messages/{sent.Message.Id}", MeshJsonContext.Default.MessageDetail);

        Assert.Equal(1, Assert.Single(first.Messages).Attempts);
        Assert.Empty(whileLeased.Messages);
        Assert.Equal(2, Assert.Single(second.Messages).Attempts);
        Assert.Equal(DeliveryState.Dead, Assert.Single(detail.Deliveries).State);
    }

    [Fact]
    public async Task Ack_UnknownId_IsReportedNotFound()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/bob/ack", """{"ids":["01NOPE"]}""");

        var ack = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AckResponse, Ct);
        Assert.Equal(["01NOPE"], ack?.NotFound);
        Assert.Empty(ack?.Acknowledged ?? ["x"]);
    }
}
