using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Server.Tests;

/// <summary>Batch frames on the send socket: an array of sends, each answered by its own ref (docs/protocol.md).</summary>
public sealed class SendSocketBatchTests
{
    [Fact]
    public async Task SendSocket_BatchFrames_EachEntryAnsweredByRefAndStoredInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        for (var frame = 0; frame < 3; frame++)
        {
            await socket.SendAsync(Batch(Enumerable.Range(frame * 20, 20).Select(i => Entry($"r{i}", $"m{i}"))));
        }
        await socket.SendAsync(Entry("r60", "m60")); // a plain frame after batches: both shapes on one socket
        var answers = await socket.ReceiveAsync(61);
        var history = await broker.Http.GetAsync("/v1/meshes/default/messages?agent=alice&limit=500", MeshJsonContext.Default.MessageList);

        Assert.All(answers.Values, a => Assert.Equal(201, a.Status));
        Assert.All(answers, a => Assert.Equal("m" + a.Key[1..], a.Value.Message!.Message.Body));
        Assert.Equal(Enumerable.Range(0, 61).Select(i => $"m{i}"), history.Messages.Reverse().Select(m => m.Body));
    }

    [Fact]
    public async Task SendSocket_BatchWithBadEntries_EachGetsItsOwnProblemAndTheOthersAreSent()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        // The last entry is cut off: the batch is damaged from there on, and that entry is refused by its ref.
        await socket.SendAsync("""
            [{"ref":"a","to":"bob","body":"first"},
             {"ref":"b","to":"nobody","body":"x"},
             {"ref":"c","to":"bob","body":""},
             {"ref":"d","to":"bob","body":"x","kind":"shout"},
             {"ref":"e","to":"bob","body":"second"},
             {"ref":"f","to":"bob","bo
            """);
        var answers = await socket.ReceiveAsync(6);
        await socket.SendAsync(Entry("after", "still open"));
        var next = await socket.ReceiveAsync();
        var history = await broker.Http.GetAsync("/v1/meshes/default/messages?agent=alice&limit=10", MeshJsonContext.Default.MessageList);

        Assert.Equal((201, "first"), (answers["a"].Status, answers["a"].Message!.Message.Body));
        Assert.Equal((404, "agent_not_found"), (answers["b"].Status, answers["b"].Problem!.Code));
        Assert.Equal((400, "invalid_request"), (answers["c"].Status, answers["c"].Problem!.Code));
        Assert.Equal((400, "invalid_request"), (answers["d"].Status, answers["d"].Problem!.Code));
        Assert.Equal((201, "second"), (answers["e"].Status, answers["e"].Message!.Message.Body));
        Assert.Equal((400, "invalid_json"), (answers["f"].Status, answers["f"].Problem!.Code));
        Assert.Equal(("after", 201), (next.Ref, next.Status));
        Assert.Equal(["first", "second", "still open"], history.Messages.Reverse().Select(m => m.Body));
    }

    [Fact]
    public async Task SendSocket_BatchLargerThanTheInFlightLimit_IsReadAsSlotsFreeUpAndAnsweredWhole()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");
        const int count = 300; // > 256 unanswered sends per socket: the rest of the batch waits for answers to go out

        await socket.SendAsync(Batch(Enumerable.Range(0, count).Select(i => Entry($"r{i}", $"m{i}"))));
        var answers = await socket.ReceiveAsync(count);

        Assert.Equal(count, answers.Count);
        Assert.All(answers.Values, a => Assert.Equal(201, a.Status));
    }

    [Fact]
    public async Task SendSocket_EmptyBatchAndNonObjectEntries_AnswerOnlyTheEntries()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        using var socket = await SendSocketConnection.OpenAsync(broker, "alice");

        await socket.SendAsync("[]");
        await socket.SendAsync("""[42, {"ref":"ok","to":"bob","body":"fine"}]""");
        var answers = new[] { await socket.ReceiveAsync(), await socket.ReceiveAsync() };

        Assert.Contains(answers, a => a is { Ref: null, Status: 400, Problem.Code: "invalid_json" });
        Assert.Contains(answers, a => a is { Ref: "ok", Status: 201 });
    }

    private static string Entry(string reference, string body) => $$"""{"ref":"{{reference}}","to":"bob","body":"{{body}}","kind":"note"}""";

    private static string Batch(IEnumerable<string> entries) => "[" + string.Join(",", entries) + "]";
}
