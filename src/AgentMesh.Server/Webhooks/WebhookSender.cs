using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Server.Hosting;

namespace AgentMesh.Server.Webhooks;

/// <summary>
/// Sends one message to one webhook: shapes, signs and POSTs it, and reports how it went. Two HTTP clients:
/// one whose connect step refuses private addresses (<see cref="GuardedConnect"/>), for every webhook
/// without <c>allow_private</c>, and one without that check; keeping them apart means a connection opened for
/// an allowed private target is never reused for a webhook that may not reach it. Neither follows redirects
/// nor uses a proxy (a 3xx is a failed attempt). Both are made on first use: a broker without webhooks never
/// loads the HTTP client stack (about 2 MB of memory).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string MessageIdHeader = "X-Mesh-Message-Id";
    public const string AttemptHeader = "X-Mesh-Attempt";
    public const string AgentHeader = "X-Mesh-Agent";

    private readonly Lock _gate = new();
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private HttpClient? _guarded;
    private HttpClient? _open;

    public WebhookSender(WebhookOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public async Task<WebhookAttempt> SendAsync(
        WebhookConfig config, string agentName, MessageEnvelope message, int attempt, CancellationToken cancellationToken)
    {
        var payload = WebhookPayloads.Build(config, message, agentName);
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url) { Content = new ByteArrayContent(payload.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(config.Secret, timestamp, payload.Body));
        request.Headers.Add(IdempotencyHeader, message.Id);
        request.Headers.Add(MessageIdHeader, message.Id);
        request.Headers.Add(AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(AgentHeader, agentName);
        if (config.Format == WebhookFormat.OpenClaw)
        {
            // OpenClaw authenticates hooks with a shared token, not a signature: the secret is that token.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", config.Secret);
        }

        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await ClientFor(config.AllowPrivate).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var latency = Stopwatch.GetElapsedTime(started);
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(true, status, latency, null, null)
                : new WebhookAttempt(false, status, latency, RetryAfter(response), $"HTTP {status}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(started, $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return Failed(started, Describe(e));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _guarded?.Dispose();
            _open?.Dispose();
        }
    }

    private HttpClient ClientFor(bool allowPrivate)
    {
        lock (_gate)
        {
            return allowPrivate ? _open ??= CreateClient(null) : _guarded ??= CreateClient(GuardedConnect.ConnectAsync);
        }
    }

    private static WebhookAttempt Failed(long started, string error) => new(false, null, Stopwatch.GetElapsedTime(started), null, error);

    /// <summary>Only our own refusal or the socket error cross: both name at most the host, never the path (a Slack or Discord URL is itself a secret).</summary>
    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        MeshException refused => refused.Message,
        System.Net.Sockets.SocketException socket => $"cannot connect ({socket.SocketErrorCode})",
        _ => e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed",
            HttpRequestError.ConnectionError => "cannot connect",
            _ => $"the request failed ({e.HttpRequestError})",
        },
    };

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };

    private static HttpClient CreateClient(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // names are resolved (and checked) again at least this often
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (connect is not null)
        {
            handler.ConnectCallback = connect;
        }
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("AgentMesh", BrokerRuntime.Version));
        return client;
    }
}
