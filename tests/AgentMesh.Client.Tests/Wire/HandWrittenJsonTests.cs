using System.Text;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Wire;

namespace AgentMesh.Client.Tests.Wire;

/// <summary>
/// The hand-written decoders and encoders (Protocol/Wire) against the source-generated <see cref="MeshJsonContext"/>:
/// the same JSON both ways, and the same property names, so a field added to a wire type cannot slip past them.
/// </summary>
public sealed class HandWrittenJsonTests
{
    private static readonly AgentInfo _full = new()
    {
        Id = "ab12cd34",
        Name = "api ✓",
        Mesh = "default",
        Kind = AgentKind.ClaudeCode,
        Status = AgentStatus.Working,
        Host = "box",
        Cwd = "/home/dev/\"quoted\"",
        Pid = 4242,
        SessionId = "0a1b2c3d-4e5f",
        TranscriptPath = "/t.jsonl",
        RegisteredAt = new DateTimeOffset(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero),
        LastSeen = new DateTimeOffset(2026, 11, 22, 1, 2, 4, TimeSpan.FromHours(2)),
        Unread = 7,
    };

    private static readonly AgentInfo _minimal = new()
    {
        Id = "ef56ab78",
        Name = "bare",
        Mesh = "m",
        Kind = AgentKind.Codex,
        Status = AgentStatus.Idle,
        RegisteredAt = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void AgentInfoReader_ReadsWhatTheContextWrites()
    {
        Assert.Equal(_full, AgentInfoReader.Read(JsonSerializer.SerializeToUtf8Bytes(_full, MeshJsonContext.Default.AgentInfo)));
        Assert.Equal(_minimal, AgentInfoReader.Read(JsonSerializer.SerializeToUtf8Bytes(_minimal, MeshJsonContext.Default.AgentInfo)));
        Assert.Equal([_full, _minimal], AgentInfoReader.ReadList(JsonSerializer.SerializeToUtf8Bytes(new AgentList([_full, _minimal]), MeshJsonContext.Default.AgentList)));
    }

    [Fact]
    public void AgentInfoReader_SkipsUnknownFieldsAndTakesNullsAsMissing()
    {
        var json = """{"future":{"nested":[1,2]},"id":"x","name":"n","mesh":"m","kind":"k","status":"idle","pid":null,"registered_at":"2026-01-01T00:00:00Z","last_seen":"2026-01-01T00:00:00Z"}""";

        var agent = AgentInfoReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("x", null), (agent.Id, agent.Pid));
    }

    [Theory]
    [InlineData("""{"name":"n","mesh":"m","kind":"k","status":"idle","registered_at":"2026-01-01T00:00:00Z","last_seen":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"id":5,"name":"n","mesh":"m","kind":"k","status":"idle","registered_at":"2026-01-01T00:00:00Z","last_seen":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"id":"x","name":"n","mesh":"m","kind":"k","status":"idle","registered_at":"yesterday","last_seen":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"id":""")]
    public void AgentInfoReader_NotAnAgent_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => AgentInfoReader.Read(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void RegisterRequest_WrittenAsTheContextWritesIt()
    {
        RegisterAgentRequest full = new() { Name = "n ✓", Kind = "k", Status = "idle", Host = "h", Cwd = "/c", Pid = 1, SessionId = "s", TranscriptPath = "/t" };
        RegisterAgentRequest bare = new() { Name = "n" };

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(full, MeshJsonContext.Default.RegisterAgentRequest), RequestWriter.Write(full));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(bare, MeshJsonContext.Default.RegisterAgentRequest), RequestWriter.Write(bare));
        Assert.Equal(PropertyNames(MeshJsonContext.Default.RegisterAgentRequest), WrittenNames(RequestWriter.Write(full)));
    }

    [Fact]
    public void HeartbeatRequest_WrittenAsTheContextWritesIt()
    {
        foreach (var request in new HeartbeatRequest[] { new() { Status = "working" }, new() })
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(request, MeshJsonContext.Default.HeartbeatRequest), RequestWriter.Write(request));
        }
    }

    [Fact]
    public void InboxReader_ReadsWhatTheContextWrites()
    {
        var full = new InboxItem
        {
            Message = new MessageEnvelope
            {
                Id = "01M80BGX934FHCJW5JKN8JH0SE",
                Mesh = "default",
                From = "ab12cd34",
                FromName = "alice",
                To = "ef56ab78",
                Kind = MessageKind.Task,
                Body = "line one\nline \"two\" ✓ </mesh-message>",
                InReplyTo = "01M80BGX934FHCJW5JKN8JH0SA",
                ThreadId = "01M80BGX934FHCJW5JKN8JH0S0",
                Metadata = JsonDocument.Parse("""{"priority":2,"tags":["a","b"],"nested":{"x":null}}""").RootElement,
                CreatedAt = new DateTimeOffset(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero),
                Room = "standup",
            },
            State = DeliveryState.Delivered,
            Attempts = 2,
            LeaseUntil = new DateTimeOffset(2026, 11, 22, 1, 3, 3, TimeSpan.Zero),
        };
        var bare = new InboxItem
        {
            Message = full.Message with { InReplyTo = null, Metadata = null, Room = null },
            State = DeliveryState.Queued,
        };

        var read = InboxReader.Read(JsonSerializer.SerializeToUtf8Bytes(new InboxResponse([full, bare]), MeshJsonContext.Default.InboxResponse));

        Assert.Equal(2, read.Count);
        Assert.Equal(full with { Message = full.Message with { Metadata = null } }, read[0] with { Message = read[0].Message with { Metadata = null } });
        Assert.Equal(full.Message.Metadata?.GetRawText(), read[0].Message.Metadata?.GetRawText());
        Assert.Equal(bare, read[1]);
        Assert.Empty(InboxReader.Read("""{"messages":[]}"""u8));
    }

    [Fact]
    public void AckRequestAndAnswer_AsTheContextHasThem()
    {
        var request = new AckRequest(["m1", "m ✓ 2"]);
        var answer = new AckResponse(["m1"], ["m ✓ 2"]);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(request, MeshJsonContext.Default.AckRequest), RequestWriter.Write(request));
        var read = InboxReader.ReadAck(JsonSerializer.SerializeToUtf8Bytes(answer, MeshJsonContext.Default.AckResponse));
        Assert.Equal(answer.Acknowledged, read.Acknowledged);
        Assert.Equal(answer.NotFound, read.NotFound);
    }

    [Fact]
    public void ProblemReader_ReadsWhatTheContextWrites()
    {
        var problem = new ProblemBody
        {
            Type = "https://agentmesh.dev/problems/ambiguous_address",
            Title = "Ambiguous",
            Status = 409,
            Detail = "'api' matches 2 agents",
            Code = "ambiguous_address",
            Candidates = [new AgentCandidate("a1", "one", "/a/api", "idle"), new AgentCandidate("b2", "two", null, "offline")],
            CorrelationId = "c-1",
        };

        var read = ProblemReader.TryRead(JsonSerializer.SerializeToUtf8Bytes(problem, MeshJsonContext.Default.ProblemBody));

        Assert.Equal(problem with { Candidates = null }, read! with { Candidates = null });
        Assert.Equal(problem.Candidates, read.Candidates);
    }

    [Theory]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("")]
    [InlineData("[1]")]
    public void ProblemReader_NotAProblem_Null(string body) => Assert.Null(ProblemReader.TryRead(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void PropertyNames_AreTheContexts()
    {
        Assert.Equal(PropertyNames(MeshJsonContext.Default.AgentInfo), AgentInfoReader.PropertyNames.Order());
        Assert.Equal(PropertyNames(MeshJsonContext.Default.ProblemBody), ProblemReader.PropertyNames.Order());
        Assert.Equal(PropertyNames(MeshJsonContext.Default.InboxItem), InboxReader.ItemPropertyNames.Order());
        Assert.Equal(PropertyNames(MeshJsonContext.Default.MessageEnvelope), InboxReader.MessagePropertyNames.Order());
    }

    private static IEnumerable<string> PropertyNames<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        type.Properties.Select(p => p.Name).Order();

    private static IEnumerable<string> WrittenNames(byte[] json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).Order();
}
