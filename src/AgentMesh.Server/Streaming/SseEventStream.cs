using System.Text;
using System.Text.Json;
using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Server.Streaming;

/// <summary>
/// Server-Sent Events: <c>id</c> is the event's seq (so <c>Last-Event-ID</c> resumes exactly), <c>event</c> its
/// type, <c>data</c> the JSON. A comment every 15 s keeps idle connections and proxies open.
/// </summary>
internal static class SseEventStream
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task ServeAsync(
        HttpContext context, MeshBroker broker, string mesh, string? agentId, long after, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken);

        // The enumerator may be mid-MoveNextAsync when we leave (the client went away during a write, a keep-alive
        // timer won): stop it and let that call finish first, since an async iterator cannot be disposed while it runs.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = broker.Events.FollowAsync(mesh, agentId, after, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask();
        var buffer = new MemoryStream();
        try
        {
            // One keep-alive timer at a time: a new one only after the last one fired.
            var keepAlive = Task.Delay(KeepAlive, cancellationToken);
            while (true)
            {
                if (await Task.WhenAny(next, keepAlive) == keepAlive)
                {
                    await keepAlive;
                    await response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    keepAlive = Task.Delay(KeepAlive, cancellationToken);
                    continue;
                }
                if (!await next)
                {
                    return;
                }
                Frame(buffer, events.Current);
                next = events.MoveNextAsync().AsTask();
                // Batch whatever is already waiting into one write; flush when the stream catches up.
                while (next.IsCompletedSuccessfully && next.Result && buffer.Length < 64 * 1024)
                {
                    Frame(buffer, events.Current);
                    next = events.MoveNextAsync().AsTask();
                }
                await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                buffer.SetLength(0);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the client disconnected, or the broker is stopping
        }
        finally
        {
            await stop.CancelAsync();
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await events.DisposeAsync();
        }
    }

    private static void Frame(MemoryStream buffer, MeshEvent e)
    {
        buffer.Write(Encoding.UTF8.GetBytes($"id: {e.Seq}\nevent: {e.Type}\ndata: "));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, e, MeshJsonContext.Default.MeshEvent);
        }
        buffer.Write("\n\n"u8);
    }
}
