using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentMesh.Transcripts.Search;
using AgentMesh.Transcripts.Turns;

namespace AgentMesh.Transcripts;

/// <summary>The JSON of <c>mesh transcript --json</c>: snake_case, nulls omitted, like the broker's API.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(TranscriptPage))]
[JsonSerializable(typeof(TranscriptTurn))]
[JsonSerializable(typeof(TranscriptSearchResult))]
public sealed partial class TranscriptJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Like <see cref="Default"/>, but quotes, &lt; and non-ASCII text stay as they are (transcripts are full of
    /// code); for output read by people and programs, never embedded in HTML.
    /// </summary>
    public static TranscriptJsonContext Readable => ReadableContext.Instance;

    // A nested holder: a static initializer here could run before the generated Default is set.
    private static class ReadableContext
    {
        public static readonly TranscriptJsonContext Instance =
            new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
