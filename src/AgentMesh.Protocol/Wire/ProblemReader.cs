using System.Text.Json;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Protocol.Wire;

/// <summary>
/// A problem+json body (<see cref="ProblemBody"/>) decoded by hand (see <see cref="JsonProperties"/> for why);
/// the same JSON that <see cref="MeshJsonContext"/> reads. A test holds <see cref="PropertyNames"/> to the context's.
/// </summary>
public static class ProblemReader
{
    public static IReadOnlyList<string> PropertyNames { get; } = ["type", "title", "status", "detail", "code", "candidates", "correlation_id"];

    /// <summary>The problem in <paramref name="json"/>, or null when it is not one (a proxy's HTML page, an empty body).</summary>
    public static ProblemBody? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            string? type = null, title = null, detail = null, code = null, correlationId = null;
            int? status = null;
            List<AgentCandidate>? candidates = null;
            JsonProperties.Read(json, (string name, ref Utf8JsonReader value) =>
            {
                switch (name)
                {
                    case "type": type = JsonProperties.String(ref value); break;
                    case "title": title = JsonProperties.String(ref value); break;
                    case "status": status = JsonProperties.Int(ref value); break;
                    case "detail": detail = JsonProperties.String(ref value); break;
                    case "code": code = JsonProperties.String(ref value); break;
                    case "correlation_id": correlationId = JsonProperties.String(ref value); break;
                    case "candidates" when value.TokenType == JsonTokenType.StartArray:
                        candidates = [];
                        JsonProperties.ReadArray(ref value, (ref Utf8JsonReader element) => candidates.Add(Candidate(ref element)));
                        break;
                    default: return false;
                }
                return true;
            });
            return new ProblemBody
            {
                Type = type,
                Title = title,
                Status = status,
                Detail = detail,
                Code = code,
                Candidates = candidates,
                CorrelationId = correlationId,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AgentCandidate Candidate(ref Utf8JsonReader reader)
    {
        string? id = null, name = null, cwd = null, status = null;
        JsonProperties.Read(ref reader, (string property, ref Utf8JsonReader value) =>
        {
            switch (property)
            {
                case "id": id = JsonProperties.String(ref value); break;
                case "name": name = JsonProperties.String(ref value); break;
                case "cwd": cwd = JsonProperties.String(ref value); break;
                case "status": status = JsonProperties.String(ref value); break;
                default: return false;
            }
            return true;
        });
        return new AgentCandidate(id ?? "", name ?? "", cwd, status ?? "");
    }
}
