using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Serialization;

/// <summary>
/// The wire's two hottest shapes through the source-generated <see cref="MeshJsonContext"/>: the request of
/// every send, and the <c>message.queued</c> event every push subscriber receives.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private SendMessageRequest _request = null!;
    private MeshEvent _event = null!;
    private byte[] _requestJson = null!;
    private byte[] _eventJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string body = "please run the unit tests for the parser module and report which ones fail, with the first error line of each";
        _request = new SendMessageRequest { To = "backend", Body = body, Kind = MessageKind.Task, IdempotencyKey = "req-0001" };
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        _event = new MeshEvent
        {
            Seq = 123_456,
            Mesh = "default",
            Type = MeshEventType.MessageQueued,
            At = now,
            Agent = "k3j5x2ab",
            Message = new MessageEnvelope
            {
                Id = "01JH2K3M4N5P6Q7R8S9T0VWXYZ",
                Mesh = "default",
                From = "q7r8s9t0",
                FromName = "frontend",
                To = "backend",
                Kind = MessageKind.Task,
                Body = body,
                ThreadId = "01JH2K3M4N5P6Q7R8S9T0VWXYZ",
                CreatedAt = now,
            },
            Delivery = new DeliveryInfo
            {
                MessageId = "01JH2K3M4N5P6Q7R8S9T0VWXYZ",
                Recipient = "k3j5x2ab",
                RecipientName = "backend",
                State = DeliveryState.Queued,
                UpdatedAt = now,
            },
        };
        _requestJson = JsonSerializer.SerializeToUtf8Bytes(_request, MeshJsonContext.Default.SendMessageRequest);
        _eventJson = JsonSerializer.SerializeToUtf8Bytes(_event, MeshJsonContext.Default.MeshEvent);
    }

    [Benchmark]
    public byte[] SerializeSendMessageRequest() => JsonSerializer.SerializeToUtf8Bytes(_request, MeshJsonContext.Default.SendMessageRequest);

    [Benchmark]
    public SendMessageRequest? DeserializeSendMessageRequest() => JsonSerializer.Deserialize(_requestJson, MeshJsonContext.Default.SendMessageRequest);

    [Benchmark]
    public byte[] SerializeMeshEvent() => JsonSerializer.SerializeToUtf8Bytes(_event, MeshJsonContext.Default.MeshEvent);

    [Benchmark]
    public MeshEvent? DeserializeMeshEvent() => JsonSerializer.Deserialize(_eventJson, MeshJsonContext.Default.MeshEvent);
}
