using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Server.Tests;

/// <summary>Reads SSE frames from a response stream, for tests.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public async Task<(string Id, string Type, MeshEvent Event)> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return (id ?? "", type ?? "", JsonSerializer.Deserialize(data, MeshJsonContext.Default.MeshEvent)!); // data lines carry events
                }
                continue;
            }
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
