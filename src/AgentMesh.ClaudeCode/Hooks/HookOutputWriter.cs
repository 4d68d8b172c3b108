using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Writes a hook's one JSON answer to stdout and flushes it: stdout carries nothing else. Claude reads it as
/// JSON, not HTML, so <c>&lt;</c>, quotes and non-ASCII text stay as they are (the frames stay legible in logs).
/// </summary>
internal static class HookOutputWriter
{
    private static readonly ClaudeCodeJsonContext _relaxed = new(new JsonSerializerOptions(ClaudeCodeJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static Task WriteAsync(TextWriter stdout, ContextOutput output, CancellationToken cancellationToken) =>
        WriteAsync(stdout, output, _relaxed.ContextOutput, cancellationToken);

    public static Task WriteAsync(TextWriter stdout, BlockOutput output, CancellationToken cancellationToken) =>
        WriteAsync(stdout, output, _relaxed.BlockOutput, cancellationToken);

    private static async Task WriteAsync<T>(TextWriter stdout, T output, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync(JsonSerializer.Serialize(output, type).AsMemory(), cancellationToken).ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
