using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgentMesh.Client.Autostart;
using AgentMesh.Client.Connection;
using AgentMesh.Client.Errors;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client;

/// <summary>
/// The typed client of the broker's REST and push API (docs/protocol.md): one method per route, every
/// failure a <see cref="MeshException"/> whose message says what to do. Thread-safe; one per process is
/// enough. Route methods live in the partial files by concern (Broker, Agents, Messages, Inbox, Events).
/// </summary>
public sealed partial class MeshClient : IDisposable
{
    private readonly MeshClientOptions _options;
    private readonly BrokerAutostart? _autostart;
    private readonly Func<BrokerLocation, HttpMessageHandler?> _handlers;
    private readonly Lock _gate = new();
    private readonly List<BrokerTarget> _retired = [];
    private BrokerTarget? _target;
    private bool _disposed;

    public MeshClient(MeshClientOptions options)
        : this(options, static _ => null)
    {
    }

    /// <summary>With <paramref name="handlers"/> replacing the network (tests).</summary>
    internal MeshClient(MeshClientOptions options, Func<BrokerLocation, HttpMessageHandler?> handlers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Mesh);
        _options = options;
        _handlers = handlers;
        if (options is { Autostart: true, Url: null, Launcher: { } launcher })
        {
            _autostart = new BrokerAutostart(options.Home, launcher, IsBrokerAnsweringAsync, options.StartTimeout, options.Time);
        }
    }

    /// <summary>A client configured from <c>MESH_HOME</c>, <c>MESH_URL</c> and <c>MESH_TOKEN</c>, without autostart.</summary>
    public static MeshClient FromEnvironment() => new(MeshClientOptions.FromEnvironment());

    public MeshClientOptions Options => _options;

    /// <summary>Where requests go right now: the socket path or the url.</summary>
    public string BrokerAddress => CurrentTarget().Where;

    /// <summary>Sends a request and reads a JSON answer; <paramref name="wait"/> extends the timeout for long-polls.</summary>
    private async Task<T> CallAsync<T>(
        Func<HttpRequestMessage> request, JsonTypeInfo<T> answer, TimeSpan wait, CancellationToken cancellationToken, bool autostart = true)
    {
        using var deadline = new CancellationTokenSource(_options.RequestTimeout + wait, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, autostart, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemTranslator.ToExceptionAsync(response, linked.Token).ConfigureAwait(false);
            }
            return await response.Content.ReadFromJsonAsync(answer, linked.Token).ConfigureAwait(false)
                ?? throw BrokerErrors.Empty();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw BrokerErrors.TimedOut(BrokerAddress, _options.RequestTimeout + wait);
        }
        catch (JsonException e)
        {
            throw BrokerErrors.Unreadable(e);
        }
        catch (HttpRequestException e)
        {
            throw BrokerErrors.Dropped(BrokerAddress, e);
        }
    }

    /// <summary>
    /// Sends one request. When no broker answers and autostart is on, starts one and sends again: the
    /// first request never reached a broker, so repeating it (even a POST) cannot do anything twice.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> request, HttpCompletionOption completion, bool autostart, CancellationToken cancellationToken)
    {
        var target = CurrentTarget();
        try
        {
            return await target.Http.SendAsync(request(), completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsNoBroker(e))
        {
            Relocate(target);
            if (!autostart || _autostart is null)
            {
                throw NoBroker(target, e);
            }
        }
        await _autostart.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        target = CurrentTarget();
        try
        {
            return await target.Http.SendAsync(request(), completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsNoBroker(e))
        {
            throw NoBroker(target, e);
        }
    }

    /// <summary>
    /// Makes sure a broker answers, starting one with the launcher (under the autostart lock) if none does.
    /// True if this call started it. Without autostart configured, a missing broker is an error.
    /// </summary>
    public async Task<bool> EnsureBrokerAsync(CancellationToken cancellationToken)
    {
        if (await IsBrokerAnsweringAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        if (_autostart is null)
        {
            throw NoBroker(CurrentTarget(), inner: null);
        }
        return await _autostart.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when a broker answers <c>/healthz</c>. Never starts one.</summary>
    public async Task<bool> IsBrokerAnsweringAsync(CancellationToken cancellationToken)
    {
        var target = CurrentTarget();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2), _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await target.Http.GetAsync("healthz", linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            Relocate(target);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A connection that failed before the request was sent: nothing listens there.</summary>
    internal static bool IsNoBroker(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError || e.InnerException is System.Net.Sockets.SocketException;

    private MeshException NoBroker(BrokerTarget target, Exception? inner) => BrokerErrors.NoBroker(target.Where, _options.Url is not null, inner);

    private BrokerTarget CurrentTarget()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_target is null)
            {
                var location = BrokerLocator.Locate(_options);
                _target = BrokerTarget.Create(location, _handlers(location));
            }
            return _target;
        }
    }

    /// <summary>After a failed connect, looks again (a discovered broker may have moved); explicit urls stay.</summary>
    private void Relocate(BrokerTarget failed)
    {
        lock (_gate)
        {
            if (_disposed || _target != failed || failed.Location.IsExplicit)
            {
                return;
            }
            var location = BrokerLocator.Locate(_options);
            if (location == failed.Location)
            {
                return;
            }
            // Requests may still be in flight on the old client; it is disposed with this one.
            _retired.Add(failed);
            _target = BrokerTarget.Create(location, _handlers(location));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _target?.Dispose();
            foreach (var target in _retired)
            {
                target.Dispose();
            }
        }
    }
}
