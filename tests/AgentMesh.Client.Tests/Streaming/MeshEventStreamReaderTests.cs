using System.Text;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Client.Tests.Streaming;

public sealed class MeshEventStreamReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_FramesWithCommentsAndControlFrames_YieldsOnlyMeshEventsInOrder()
    {
        var text = """
            : keep-alive

            id: 1
            event: agent.registered
            data: {"seq":1,"mesh":"default","type":"agent.registered","at":"2026-01-01T12:00:00+00:00","agent":"a1b2c3d4"}

            event: resync
            data: ping

            id: 2
            event: message.queued
            data: {"seq":2,"mesh":"default","type":"message.queued",
            data: "at":"2026-01-01T12:00:01+00:00","agent":"a1b2c3d4"}


            """;

        var events = await ReadAllAsync(text);

        Assert.Equal([1L, 2L], events.Select(e => e.Seq));
        Assert.Equal([MeshEventType.AgentRegistered, MeshEventType.MessageQueued], events.Select(e => e.Type));
        Assert.Equal("a1b2c3d4", events[1].Agent);
    }

    [Fact]
    public async Task Read_CrLfLineEndings_ParsesTheSameEvents()
    {
        var text = "id: 7\r\nevent: agent.status\r\ndata: {\"seq\":7,\"mesh\":\"m\",\"type\":\"agent.status\",\"at\":\"2026-01-01T12:00:00Z\"}\r\n\r\n";

        var events = await ReadAllAsync(text);

        Assert.Equal(7, Assert.Single(events).Seq);
    }

    [Fact]
    public async Task Read_StreamEndsMidFrame_StopsWithoutAHalfEvent()
    {
        var text = "id: 1\nevent: agent.status\ndata: {\"seq\":1,\"mesh\":\"m\",\"type\":\"agent.status\",\"at\":\"2026-01-01T12:00:00Z\"}\n\nid: 2\nevent: agent.st";

        var events = await ReadAllAsync(text);

        Assert.Equal(1, Assert.Single(events).Seq);
    }

    private static async Task<List<MeshEvent>> ReadAllAsync(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var events = new List<MeshEvent>();
        await foreach (var e in MeshEventStreamReader.ReadAsync(stream, Ct))
        {
            events.Add(e);
        }
        return events;
    }
}
