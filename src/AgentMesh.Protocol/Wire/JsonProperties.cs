using System.Buffers;
using System.Text.Json;

namespace AgentMesh.Protocol.Wire;

/// <summary>Called with each property's name and the reader on its value; returns false to have the value skipped.</summary>
public delegate bool JsonPropertyVisitor(string name, ref Utf8JsonReader value);

/// <summary>
/// Reads one JSON object's properties with <see cref="Utf8JsonReader"/> (and writes one with <see cref="Utf8JsonWriter"/>),
/// for the few hand-written decoders and encoders on paths where the first use of <see cref="JsonSerializer"/> (options,
/// metadata, converters: tens of milliseconds) would be most of the work — a Claude Code hook runs once per prompt.
/// Unknown properties are skipped, so the format may grow.
/// Anything that is not an object, or a value of the wrong type, is a <see cref="JsonException"/>.
/// </summary>
public static class JsonProperties
{
    /// <summary>Lenient like the hook input decoder: comments and trailing commas are allowed (Claude's JSON may grow them).</summary>
    public static readonly JsonReaderOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Visits the properties of the object that <paramref name="json"/> holds.</summary>
    public static void Read(ReadOnlySpan<byte> json, JsonPropertyVisitor visit, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(json, options);
        if (!reader.Read())
        {
            throw new JsonException("Expected a JSON object, found nothing.");
        }
        Read(ref reader, visit);
    }

    /// <summary>Visits the properties of the object the reader stands on (its StartObject) and leaves it on the EndObject.</summary>
    public static void Read(ref Utf8JsonReader reader, JsonPropertyVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object, found {reader.TokenType}.");
        }
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString() ?? "";
                reader.Read();
                if (!visit(name, ref reader))
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // GetString on a number, GetInt32 on a string, a date that is not one: the value does not fit its property.
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>Visits each element of the array the reader stands on (its StartArray); <paramref name="element"/> must consume the element.</summary>
    public static void ReadArray(ref Utf8JsonReader reader, JsonElementVisitor element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array, found {reader.TokenType}.");
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            element(ref reader);
        }
    }

    /// <summary>One JSON object, its properties written by <paramref name="properties"/>, as UTF-8.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> properties, JsonWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A string or null.</summary>
    public static string? String(ref Utf8JsonReader value) => value.TokenType == JsonTokenType.Null ? null : value.GetString();

    /// <summary>An integer or null.</summary>
    public static int? Int(ref Utf8JsonReader value) => value.TokenType == JsonTokenType.Null ? null : value.GetInt32();
}

/// <summary>Called with the reader on an array element (its first token); must leave the reader on the element's last token.</summary>
public delegate void JsonElementVisitor(ref Utf8JsonReader element);
