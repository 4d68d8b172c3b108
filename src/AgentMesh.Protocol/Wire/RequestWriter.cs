using System.Text.Json;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Protocol.Wire;

/// <summary>
/// The request bodies a short-lived client sends — <see cref="RegisterAgentRequest"/>, <see cref="HeartbeatRequest"/>,
/// <see cref="AckRequest"/> — encoded by hand (see <see cref="JsonProperties"/> for why): the JSON
/// <see cref="MeshJsonContext"/> writes, snake_case with nulls left out. Tests hold the two to each other.
/// </summary>
public static class RequestWriter
{
    public static byte[] Write(RegisterAgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonProperties.Write(json =>
        {
            json.WriteString("name", request.Name);
            WriteIfSet(json, "kind", request.Kind);
            WriteIfSet(json, "status", request.Status);
            WriteIfSet(json, "host", request.Host);
            WriteIfSet(json, "cwd", request.Cwd);
            if (request.Pid is { } pid)
            {
                json.WriteNumber("pid", pid);
            }
            WriteIfSet(json, "session_id", request.SessionId);
            WriteIfSet(json, "transcript_path", request.TranscriptPath);
        });
    }

    public static byte[] Write(HeartbeatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonProperties.Write(json => WriteIfSet(json, "status", request.Status));
    }

    public static byte[] Write(AckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonProperties.Write(json =>
        {
            json.WriteStartArray("ids");
            foreach (var id in request.Ids)
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
        });
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
