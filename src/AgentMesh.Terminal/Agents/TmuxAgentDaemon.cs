using AgentMesh.Client;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Terminal.Delivery;
using AgentMesh.Terminal.Tmux;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Terminal.Agents;

/// <summary>
/// The body of the hidden <c>mesh agent daemon</c>: holds the agent's lock for its whole life, types its
/// messages into its pane until the session is closed or it is told to stop, then marks the agent offline.
/// </summary>
public sealed partial class TmuxAgentDaemon(TmuxSessions tmux, TmuxAgentFiles files, TypingOptions typing, ILogger logger, TimeProvider time)
{
    public async Task RunAsync(string mesh, string name, string host, MeshClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var state = files.Require(mesh, name);
        using var held = DaemonLock.TryAcquire(files.LockPath(mesh, name))
            ?? throw new MeshException(MeshErrorCode.Conflict, $"Another delivery daemon already runs for {name}; 'mesh agent list' shows it.");
        LogStarted(logger, name, Environment.ProcessId, state.Session, state.PaneId);

        var registration = new RegisterAgentRequest { Name = name, Kind = AgentKind.Tmux, Cwd = state.Cwd, Host = host };
        var typer = new PaneTyper(tmux, state.Session, state.PaneId, typing, time);
        var delivery = new PaneDelivery(client, registration, tmux, typer, logger, time);
        string reason;
        try
        {
            reason = await delivery.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = "asked to stop";
        }
        LogStopping(logger, name, reason);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.UnregisterAsync(name, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MeshException or OperationCanceledException)
        {
            LogOfflineFailed(logger, name, e.Message);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Delivery daemon for {Agent} started (pid {Pid}): session {Session}, pane {Pane}")]
    private static partial void LogStarted(ILogger logger, string agent, int pid, string session, string pane);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Delivery daemon for {Agent} stopping: {Reason}")]
    private static partial void LogStopping(ILogger logger, string agent, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Could not mark {Agent} offline: {Reason}")]
    private static partial void LogOfflineFailed(ILogger logger, string agent, string reason);
}
