using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Testing;

/// <summary>One request a <see cref="WebhookReceiver"/> got, exactly as it arrived.</summary>
public sealed record ReceivedRequest(int Number, string Path, string ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";

    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>How a <see cref="WebhookReceiver"/> answers request number N (1-based).</summary>
public sealed record ReceiverAnswer(int Status, string? RetryAfter = null, TimeSpan Delay = default)
{
    public static readonly ReceiverAnswer Ok = new(200);
}

/// <summary>
/// A real HTTP server on a free loopback port that webhooks POST to: it records every request and answers
/// from a script, so a test can make the first attempts fail and then succeed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Func<int, ReceiverAnswer> _answer;

    private WebhookReceiver(WebApplication app, Func<int, ReceiverAnswer> answer)
    {
        _app = app;
        _answer = answer;
    }

    public Uri Url { get; private set; } = null!; // set in StartAsync

    /// <summary>The URL of a path on this receiver.</summary>
    public string At(string path = "/hook") => new Uri(Url, path).ToString();

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync(Func<int, ReceiverAnswer>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answer ?? (_ => ReceiverAnswer.Ok));
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.First());
        return receiver;
    }

    /// <summary>The next request, in arrival order; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedRequest> NextAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _arrivals.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        ReceivedRequest request;
        lock (_requests)
        {
            request = new ReceivedRequest(
                _requests.Count + 1,
                context.Request.Path + context.Request.QueryString,
                context.Request.ContentType ?? "",
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body.ToArray());
            _requests.Add(request);
        }
        var answer = _answer(request.Number);
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _arrivals.Writer.TryWrite(request);
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
