using System.Text.Json;
using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using Xunit;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Testing.Storage;

public abstract partial class MeshStoreConformanceTests
{
    [Fact]
    public async Task Append_OneRecipient_StoresMessageDeliveryAndQueuedEvent()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var message = Message(alice, "deploy billing") with
        {
            Kind = MessageKind.Note,
            Metadata = JsonDocument.Parse("""{"pr":12,"labels":["x"]}""").RootElement.Clone(),
        };

        var sent = await SendAsync(store, message, bob);
        var detail = await store.GetMessageAsync(Mesh, message.Id, Ct);

        Assert.False(sent.Duplicate);
        Assert.NotNull(detail);
        Assert.Equal(message.Id, detail.Message.Id);
        Assert.Equal(JsonSerializer.Serialize(message with { Metadata = null }), JsonSerializer.Serialize(detail.Message with { Metadata = null }));
        Assert.Equal(12, detail.Message.Metadata?.GetProperty("pr").GetInt32());
        var delivery = Assert.Single(detail.Deliveries);
        Assert.Equal((bob.Id, "bob", DeliveryState.Queued, 0), (delivery.Recipient, delivery.RecipientName, delivery.State, delivery.Attempts));
        Assert.Equal(Assert.Single(sent.Deliveries), delivery);
        var queued = (await AllEventsAsync(store)).Last();
        Assert.Equal((MeshEventType.MessageQueued, bob.Id, message.Id), (queued.Type, queued.Agent, queued.Message?.Id));
        Assert.Equal(DeliveryState.Queued, queued.Delivery?.State);
    }

    [Fact]
    public async Task Append_ManyRecipients_OneDeliveryAndOneEventEach()
    {
        await using var store = await OpenAsync();
        var alice = Agent("alice");
        var others = Enumerable.Range(1, 5).Select(i => Agent($"agent{i}")).ToArray();
        await SaveAsync(store, [alice, .. others]);

        var sent = await SendAsync(store, Message(alice, "standup"), others);
        var queued = (await AllEventsAsync(store)).Where(e => e.Type == MeshEventType.MessageQueued).ToList();

        Assert.Equal(others.Select(a => a.Id).Order(), sent.Deliveries.Select(d => d.Recipient).Order());
        Assert.Equal(others.Select(a => a.Id).Order(), queued.Select(e => e.Agent ?? "").Order());
        Assert.All(queued, e => Assert.Equal(sent.Message.Id, e.Message?.Id));
        foreach (var agent in others)
        {
            Assert.Single(await store.PeekAsync(agent.Id, 10, Ct));
        }
    }

    [Fact]
    public async Task Append_SameIdempotencyKey_ReturnsTheOriginalAndWritesNothing()
    {
        var sink = new RecordingEventSink();
        await using var store = await OpenAsync(sink);
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var first = await store.AppendMessageAsync(Message(alice, "deploy"), [bob], "key-1", Ct);
        await ConsumeAsync(store, bob, T0.AddSeconds(1));
        var eventsBefore = await store.LastSeqAsync(Mesh, Ct);

        var retry = Message(alice, "deploy (retry)");
        var again = await store.AppendMessageAsync(retry, [bob], "key-1", Ct);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Message.Id, again.Message.Id);
        Assert.Equal("deploy", again.Message.Body);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(again.Deliveries).State);
        Assert.Null(await store.GetMessageAsync(Mesh, retry.Id, Ct));
        Assert.Equal(eventsBefore, await store.LastSeqAsync(Mesh, Ct));
        Assert.Equal(eventsBefore, sink.Events[^1].Seq);
    }

    [Fact]
    public async Task Append_SameKeyFromAnotherSender_IsNotADuplicate()
    {
        await using var store = await OpenAsync();
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);

        await store.AppendMessageAsync(Message(alice, "one"), [bob], "key-1", Ct);
        var other = await store.AppendMessageAsync(Message(carol, "two"), [bob], "key-1", Ct);

        Assert.False(other.Duplicate);
        Assert.Equal(2, (await store.PeekAsync(bob.Id, 10, Ct)).Count);
    }

    [Fact]
    public async Task GetMessage_UnknownIdOrOtherMesh_IsNull()
    {
        await using var store = await OpenAsync();
        await store.CreateMeshAsync("team", T0, Ct);
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var sent = await SendAsync(store, Message(alice, "hello"), bob);

        Assert.Null(await store.GetMessageAsync(Mesh, "01UNKNOWN", Ct));
        Assert.Null(await store.GetMessageAsync("team", sent.Message.Id, Ct));
    }

    [Fact]
    public async Task History_Mesh_IsNewestFirstAndPagesWithBefore()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        for (var i = 1; i <= 5; i++)
        {
            await SendAsync(store, Message(alice, $"m{i}", T0.AddSeconds(i)), bob);
        }

        var page1 = await store.HistoryAsync(Mesh, null, 2, null, Ct);
        var page2 = await store.HistoryAsync(Mesh, null, 2, page1[^1].Id, Ct);
        var page3 = await store.HistoryAsync(Mesh, null, 2, page2[^1].Id, Ct);

        Assert.Equal(["m5", "m4"], page1.Select(m => m.Body));
        Assert.Equal(["m3", "m2"], page2.Select(m => m.Body));
        Assert.Equal(["m1"], page3.Select(m => m.Body));
    }

    [Fact]
    public async Task History_Agent_ListsOnlyWhatItSentOrReceived()
    {
        await using var store = await OpenAsync();
        var (alice, bob, carol) = (Agent("alice"), Agent("bob"), Agent("carol"));
        await SaveAsync(store, alice, bob, carol);
        await SendAsync(store, Message(alice, "a->b"), bob);
        await SendAsync(store, Message(bob, "b->a"), alice);
        await SendAsync(store, Message(carol, "c->b"), bob);
        await SendAsync(store, Message(carol, "c->a,b"), alice, bob);

        var forAlice = await store.HistoryAsync(Mesh, alice.Id, 10, null, Ct);
        var forAlicePaged = await store.HistoryAsync(Mesh, alice.Id, 2, forAlice[0].Id, Ct);

        Assert.Equal(["c->a,b", "b->a", "a->b"], forAlice.Select(m => m.Body));
        Assert.Equal(["b->a", "a->b"], forAlicePaged.Select(m => m.Body));
    }

    [Fact]
    public async Task Thread_OfAConversation_IsOldestFirstAndOnlyThatThread()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var question = Message(alice, "which port?", T0.AddSeconds(1));
        await SendAsync(store, question, bob);
        await SendAsync(store, Message(alice, "unrelated", T0.AddSeconds(2)), bob);
        var answer = Message(bob, "7700", T0.AddSeconds(3), replyTo: question);
        await SendAsync(store, answer, alice);
        await SendAsync(store, Message(alice, "thanks", T0.AddSeconds(4), replyTo: answer), bob);

        var thread = await store.ThreadAsync(Mesh, question.Id, Ct);

        Assert.Equal(["which port?", "7700", "thanks"], thread.Select(m => m.Body));
        Assert.Equal(question.Id, thread[2].ThreadId);
        Assert.Equal(answer.Id, thread[2].InReplyTo);
    }

    [Fact]
    public async Task EveryRead_ReturnsTheMessageAsSent()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        var question = Message(alice, "which port?", T0.AddSeconds(1));
        await SendAsync(store, question, bob);
        // Multi-byte text in the text columns a reader decodes, metadata and a reply.
        var reply = Message(alice, "déployer 🚀 漢字 — \"quoted\"\n second line", T0.AddSeconds(2), replyTo: question) with
        {
            FromName = "alice-ü",
            To = "bob ✓",
            Room = "design-ö",
            Metadata = JsonDocument.Parse("""{"pr":12,"note":"ß"}""").RootElement.Clone(),
        };
        await SendAsync(store, reply, bob);
        var expected = Wire(reply);

        Assert.Equal(expected, Wire((await store.PeekAsync(bob.Id, 10, Ct))[1].Message));
        Assert.Equal(expected, Wire((await store.HistoryAsync(Mesh, null, 10, null, Ct))[0]));
        Assert.Equal(expected, Wire((await store.HistoryAsync(Mesh, bob.Id, 10, null, Ct))[0]));
        Assert.Equal(expected, Wire((await store.ThreadAsync(Mesh, question.Id, Ct))[1]));
        Assert.Equal(expected, Wire((await store.GetMessageAsync(Mesh, reply.Id, Ct))!.Message));
        Assert.Equal(expected, Wire((await AllEventsAsync(store, agentId: bob.Id)).Last(e => e.Message is not null).Message!));
        Assert.Equal(expected, Wire((await store.SearchAsync(Mesh, "second line", 10, Ct))[0]));
        Assert.Equal(expected, Wire((await ConsumeAsync(store, bob, T0.AddSeconds(3)))[1].Message));
    }

    private static string Wire(MessageEnvelope message) => JsonSerializer.Serialize(message, Protocol.MeshJsonContext.Default.MessageEnvelope);

    [Fact]
    public async Task Search_Words_FindsMatchingBodiesBestFirstInThisMeshOnly()
    {
        await using var store = await OpenAsync();
        await store.CreateMeshAsync("team", T0, Ct);
        var (alice, bob, carol, dave) = (Agent("alice"), Agent("bob"), Agent("carol", mesh: "team"), Agent("dave", mesh: "team"));
        await SaveAsync(store, alice, bob, carol, dave);
        await SendAsync(store, Message(alice, "lunch at noon"), bob);
        await SendAsync(store, Message(alice, "the deploy of billing failed during the night"), bob);
        await SendAsync(store, Message(alice, "deploy deploy deploy"), bob);
        await SendAsync(store, Message(carol, "deploy in the other mesh"), dave);

        var found = await store.SearchAsync(Mesh, "deploy", 10, Ct);
        var limited = await store.SearchAsync(Mesh, "deploy", 1, Ct);
        var both = await store.SearchAsync(Mesh, "billing failed", 10, Ct);

        Assert.Equal(["deploy deploy deploy", "the deploy of billing failed during the night"], found.Select(m => m.Body));
        Assert.Single(limited);
        Assert.Equal("the deploy of billing failed during the night", Assert.Single(both).Body);
    }

    [Fact]
    public async Task Search_PlainTextWithPunctuation_IsSearchedAsWords()
    {
        await using var store = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(store, alice, bob);
        await SendAsync(store, Message(alice, "rolled out deploy-prod at 10:00"), bob);

        Assert.Single(await store.SearchAsync(Mesh, "deploy-prod", 10, Ct));
        Assert.Single(await store.SearchAsync(Mesh, "10:00", 10, Ct));
        Assert.Single(await store.SearchAsync(Mesh, "depl*", 10, Ct));
        Assert.Single(await store.SearchAsync(Mesh, "\"rolled out\" AND prod", 10, Ct));
        Assert.Empty(await store.SearchAsync(Mesh, "nothing-like-this", 10, Ct));
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("(deploy")]
    [InlineData("deploy AND")]
    [InlineData("   ")]
    public async Task Search_MalformedQuery_ThrowsInvalidRequestWithAHint(string query)
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<MeshException>(() => store.SearchAsync(Mesh, query, 10, Ct));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
