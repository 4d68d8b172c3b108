using AgentMesh.Client;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Mcp.Presence;

/// <summary>
/// Keeps the agent of <c>mesh mcp</c> on the mesh: registers it on start, heartbeats every
/// <see cref="Interval"/>, registers again when the broker forgot it (a fresh database, or the broker was
/// down at start), and marks it offline when disposed. Failures are logged, never thrown: the MCP server
/// keeps serving, and its tools tell the model what is wrong.
/// </summary>
public sealed partial class AgentPresence(MeshClient client, RegisterAgentRequest registration, ILogger logger) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private AgentInfo? _agent;

    /// <summary>The registered agent, or null while registration has not succeeded.</summary>
    public AgentInfo? Agent => Volatile.Read(ref _agent);

    /// <summary>
    /// Completes when the first registration was tried: faulted when the broker refused it for good (a bad
    /// name or kind), successfully otherwise (a broker that is away only delays registration to a later beat).
    /// </summary>
    public Task Registered { get; private set; } = Task.CompletedTask;

    /// <summary>Registers (in the background, now) and starts heartbeating.</summary>
    public void Start()
    {
        Registered = RegisterAsync(throwIfRefused: true, _stop.Token);
        _loop = HeartbeatLoopAsync(_stop.Token);
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Registered.ConfigureAwait(false);
            using var timer = new PeriodicTimer(Interval, client.Options.Time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await BeatAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MeshException e)
        {
            // Refused for good at start: beating would only repeat the refusal; the tools report it.
            LogRegisterFailed(logger, registration.Name, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (Agent is null)
        {
            await RegisterAsync(throwIfRefused: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            await client.HeartbeatAsync(registration.Name, status: null, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException e) when (e.Code is MeshErrorCode.AgentNotFound)
        {
            await RegisterAsync(throwIfRefused: false, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException e)
        {
            LogHeartbeatFailed(logger, registration.Name, e.Message);
        }
    }

    private async Task RegisterAsync(bool throwIfRefused, CancellationToken cancellationToken)
    {
        try
        {
            var agent = await client.RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _agent, agent);
            LogRegistered(logger, agent.Name, agent.Id, agent.Mesh);
        }
        catch (MeshException e) when (!(throwIfRefused && e.Code is MeshErrorCode.InvalidRequest or MeshErrorCode.Conflict))
        {
            LogRegisterFailed(logger, registration.Name, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        if (Agent is null)
        {
            return;
        }
        // The client has gone; give the broker a few seconds to hear it, but never hang on the way out.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.UnregisterAsync(registration.Name, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MeshException or OperationCanceledException)
        {
            LogUnregisterFailed(logger, registration.Name, e.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registered agent {Name} (id {Id}) in mesh {Mesh}")]
    private static partial void LogRegistered(ILogger logger, string name, string id, string mesh);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not register agent {Name}: {Reason}")]
    private static partial void LogRegisterFailed(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Heartbeat for agent {Name} failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Could not mark agent {Name} offline: {Reason}")]
    private static partial void LogUnregisterFailed(ILogger logger, string name, string reason);
}
