using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Client.Streaming;

/// <summary>
/// Reads the broker's SSE stream (<c>id: seq</c>, <c>event: type</c>, <c>data: MeshEvent JSON</c>) into
/// events. The framing is the in-box <see cref="SseParser"/>; keep-alive comments never surface, and a
/// frame without a JSON object (a future control frame) is skipped. The seq inside the JSON is the cursor.
/// </summary>
internal static class MeshEventStreamReader
{
    public static async IAsyncEnumerable<MeshEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = SseParser.Create(stream, static (_, data) =>
            data.TrimStart(" \t\r\n"u8) is [(byte)'{', ..] ? JsonSerializer.Deserialize(data, MeshJsonContext.Default.MeshEvent) : null);
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is { } meshEvent)
            {
                yield return meshEvent;
            }
        }
    }
}
