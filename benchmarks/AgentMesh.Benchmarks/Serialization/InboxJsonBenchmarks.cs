using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Serialization;

/// <summary>
/// A peek of 100 messages (the load generator's inbox measurement, ~43 KB of JSON) written the way the broker
/// can write it — the serializer's resumable async path into a pipe, or its source-generated fast path — and
/// read the way a client can read it: from a stream, or from the buffered bytes.
/// </summary>
[MemoryDiagnoser]
public class InboxJsonBenchmarks
{
    private JsonTypeInfo<InboxResponse> _webInfo = null!;
    private InboxResponse _inbox = null!;
    private byte[] _inboxJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The broker's HTTP options (BrokerApplication.ConfigureJson).
        var webOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        webOptions.TypeInfoResolverChain.Insert(0, MeshJsonContext.Default);
        _webInfo = (JsonTypeInfo<InboxResponse>)webOptions.GetTypeInfo(typeof(InboxResponse));
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);
        _inbox = new InboxResponse([.. Enumerable.Range(0, 100).Select(n => new InboxItem
        {
            Message = new MessageEnvelope
            {
                Id = $"01JH2K3M4N5P6Q7R8S9T{n:D6}",
                Mesh = "default",
                From = "q7r8s9t0",
                FromName = "lg-inbox-snd-000",
                To = "lg-inbox-probe-000",
                Kind = MessageKind.Note,
                Body = $"probe #{n}: please run the unit tests for the parser module and report which ones fail, with the first error line of each; do not change any files yet",
                ThreadId = $"01JH2K3M4N5P6Q7R8S9T{n:D6}",
                CreatedAt = now.AddMilliseconds(n),
            },
            State = DeliveryState.Queued,
        })]);
        _inboxJson = JsonSerializer.SerializeToUtf8Bytes(_inbox, _webInfo);
    }

    [Benchmark(Baseline = true)]
    public async Task SerializeInboxAsyncToPipe()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await JsonSerializer.SerializeAsync(pipe.Writer, _inbox, _webInfo);
        await pipe.Writer.CompleteAsync();
        await pipe.Reader.CompleteAsync();
    }

    [Benchmark]
    public async Task SerializeInboxSyncToPipe()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        using (var writer = new Utf8JsonWriter(pipe.Writer))
        {
            JsonSerializer.Serialize(writer, _inbox, _webInfo);
        }
        await pipe.Writer.FlushAsync();
        await pipe.Writer.CompleteAsync();
        await pipe.Reader.CompleteAsync();
    }

    [Benchmark]
    public async Task<InboxResponse?> DeserializeInboxFromStream() =>
        await JsonSerializer.DeserializeAsync(new MemoryStream(_inboxJson, writable: false), MeshJsonContext.Default.InboxResponse);

    [Benchmark]
    public InboxResponse? DeserializeInboxFromBytes() => JsonSerializer.Deserialize(_inboxJson, MeshJsonContext.Default.InboxResponse);
}
