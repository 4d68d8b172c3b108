using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using AgentMesh.Client.Errors;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary>
    /// <c>GET …/events</c> as a JSON page: events after <paramref name="after"/> (negative: the last N),
    /// long-polling up to <paramref name="wait"/> when there is nothing new. <paramref name="agent"/> null
    /// reads the whole mesh.
    /// </summary>
    public Task<EventPage> ReadEventsAsync(string? agent, long after, int? limit, TimeSpan wait, CancellationToken cancellationToken)
    {
        var poll = wait < MaxServerWait ? wait : MaxServerWait;
        var path = WithQuery(EventsPath(agent), ("after", after), ("limit", limit), ("wait", poll > TimeSpan.Zero ? WaitSeconds(poll) : null));
        return CallAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, MeshJsonContext.Default.EventPage, poll, cancellationToken);
    }

    /// <summary>The seq of the newest event, to follow "from now on".</summary>
    public async Task<long> GetEventCursorAsync(string? agent, CancellationToken cancellationToken) =>
        (await ReadEventsAsync(agent, -1, 1, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Cursor;

    /// <inheritdoc cref="FollowAsync(string?, long, FollowOptions, CancellationToken)"/>
    public IAsyncEnumerable<MeshEvent> FollowAsync(string? agent, long after, CancellationToken cancellationToken) =>
        FollowAsync(agent, after, FollowOptions.Default, cancellationToken);

    /// <summary>
    /// Follows the push stream (SSE) of the mesh, or of one agent, from the event after <paramref name="after"/>
    /// until cancelled. When the broker goes away it reconnects with exponential backoff and resumes from the
    /// last seq it yielded, so the consumer sees every event once, in order, across broker restarts.
    /// Errors that retrying cannot fix (unknown agent, bad token) end the stream with a <see cref="MeshException"/>.
    /// </summary>
    public async IAsyncEnumerable<MeshEvent> FollowAsync(
        string? agent, long after, FollowOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cursor = after;
        var backoff = options.InitialBackoff;
        var firstAttempt = true;
        while (true)
        {
            MeshException? lost = null;
            HttpResponseMessage? response = null;
            try
            {
                response = await OpenEventStreamAsync(agent, cursor, autostart: firstAttempt, cancellationToken).ConfigureAwait(false);
            }
            catch (MeshException e) when (IsWorthRetrying(e))
            {
                lost = e;
            }
            firstAttempt = false;

            if (response is not null)
            {
                using (response)
                {
                    backoff = options.InitialBackoff;
                    options.Connected?.Invoke(cursor);
                    var events = ReadEventStreamAsync(response, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    try
                    {
                        while (true)
                        {
                            MeshEvent next;
                            try
                            {
                                if (!await events.MoveNextAsync().ConfigureAwait(false))
                                {
                                    break;
                                }
                                next = events.Current;
                            }
                            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                            {
                                lost = new MeshException(MeshErrorCode.BrokerUnavailable, $"Lost the event stream from {BrokerAddress} ({e.Message}).", e);
                                break;
                            }
                            if (next.Seq <= cursor)
                            {
                                continue; // already seen before a reconnect
                            }
                            cursor = next.Seq;
                            yield return next;
                        }
                    }
                    finally
                    {
                        await events.DisposeAsync().ConfigureAwait(false);
                    }
                }
                lost ??= new MeshException(MeshErrorCode.BrokerUnavailable, $"The broker at {BrokerAddress} closed the event stream.");
            }

            var delay = lost is { RetryAfterSeconds: > 0 and var seconds } ? TimeSpan.FromSeconds(seconds) : backoff;
            options.Reconnecting?.Invoke(lost!, delay); // not null: every path without an open stream sets it
            await Task.Delay(delay, _options.Time, cancellationToken).ConfigureAwait(false);
            backoff = backoff * 2 < options.MaxBackoff ? backoff * 2 : options.MaxBackoff;
        }
    }

    private async Task<HttpResponseMessage> OpenEventStreamAsync(string? agent, long cursor, bool autostart, CancellationToken cancellationToken)
    {
        var path = WithQuery(EventsPath(agent), ("after", cursor));
        // Bounds the wait for headers only; the stream itself stays open until the broker or we close it.
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                request.Headers.Add("Last-Event-ID", cursor.ToString(CultureInfo.InvariantCulture));
                return request;
            }, HttpCompletionOption.ResponseHeadersRead, autostart, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MeshException(MeshErrorCode.Timeout, $"The broker at {BrokerAddress} did not open the event stream in time.");
        }
        catch (HttpRequestException e)
        {
            throw new MeshException(MeshErrorCode.BrokerUnavailable, $"The broker at {BrokerAddress} dropped the connection ({e.Message}).", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemTranslator.ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var got = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            response.Dispose();
            throw new MeshException(MeshErrorCode.InternalError,
                $"The broker answered the event stream with {got}, not text/event-stream; is it older than this client?");
        }
        return response;
    }

    private static async IAsyncEnumerable<MeshEvent> ReadEventStreamAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var meshEvent in MeshEventStreamReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                yield return meshEvent;
            }
        }
    }

    /// <summary>Failures a later attempt can fix: the broker is away, slow or overloaded.</summary>
    private static bool IsWorthRetrying(MeshException e) =>
        e.Code is MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout or MeshErrorCode.RateLimited;

    private string EventsPath(string? agent) => agent is null ? MeshPath("/events") : AgentPath(agent, "/events");
}
