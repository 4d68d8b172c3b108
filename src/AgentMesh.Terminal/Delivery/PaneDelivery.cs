using AgentMesh.Client;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;
using AgentMesh.Terminal.Idle;
using AgentMesh.Terminal.Text;
using AgentMesh.Terminal.Tmux;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Terminal.Delivery;

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ The delivery loop of a tmux agent                                                                 │
// │                                                                                                   │
// │ 1. Follow the agent's push stream (SSE; it resumes from its cursor after a broker restart). Any   │
// │    queued or requeued message wakes the loop; a slow recheck covers anything a stream could miss. │
// │ 2. Peek the inbox (changes nothing). While something waits, watch the pane until it is idle.      │
// │ 3. Only then consume ONE message (it is leased to us now), type it, press Enter, and acknowledge. │
// │    Consuming after the wait means a person typing for ten minutes never lets a lease run out.     │
// │    A control command (kind=command, e.g. /compact) is typed as its bare line, and only if the     │
// │    agent's policy, read again right before typing, still allows it (it may have been revoked     │
// │    since the send); a refused one is acknowledged and dropped with a log line.                    │
// │ 4. If typing fails the message is not acknowledged: its lease runs out and it comes back. If the  │
// │    ack is lost the message comes back too; it is then acknowledged without being typed again.     │
// │ The agent is (re)registered with the pid of the pane's program whenever that pid changes, and    │
// │ left alone while the program is down, so presence sees exactly the program's life.               │
// │ The loop ends when the pane is gone (session closed) or on cancellation (mesh agent stop).        │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>Types a tmux agent's messages into its pane (see the block above).</summary>
public sealed partial class PaneDelivery(
    MeshClient client, RegisterAgentRequest registration, TmuxSessions tmux, PaneTyper typer, ILogger logger, TimeProvider time)
{
    /// <summary>How often the inbox is checked when no event arrived.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    /// <summary>How often a pane whose program exited is looked at again (it may have been restarted).</summary>
    public static readonly TimeSpan StoppedRecheck = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan _retryMin = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan _retryMax = TimeSpan.FromSeconds(5);
    private readonly WakeSignal _wake = new();
    private readonly RecentIds _typed = new();
    private int? _registeredPid;

    private string Agent => registration.Name;

    /// <summary>Runs until cancelled or until the pane is gone; returns why it stopped.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var follow = FollowAsync(stop.Token);
        try
        {
            return await DeliverAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await follow.ConfigureAwait(false);
        }
    }

    private async Task<string> DeliverAsync(CancellationToken cancellationToken)
    {
        var retry = _retryMin;
        var stopped = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pane = await tmux.DescribePaneAsync(typer.PaneId, cancellationToken).ConfigureAwait(false);
            if (pane is null)
            {
                return $"pane {typer.PaneId} is gone (its tmux session was closed)";
            }
            // While the program is down, stay away from the broker: any inbox call counts as a sign of life
            // and would bring the agent back online, against presence, which (rightly) saw its pid die.
            if (pane.Dead)
            {
                if (!stopped)
                {
                    LogProgramStopped(logger, Agent, typer.PaneId);
                    stopped = true;
                }
                await Task.Delay(StoppedRecheck, time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            stopped = false;
            try
            {
                if (pane.Pid != _registeredPid)
                {
                    // First round, or the program was restarted (new pid): presence must watch the live one.
                    await RegisterAsync(pane.Pid, cancellationToken).ConfigureAwait(false);
                }
                var waiting = await client.PeekInboxAsync(Agent, 1, cancellationToken).ConfigureAwait(false);
                retry = _retryMin;
                if (waiting.Count == 0)
                {
                    await _wake.WaitAsync(Recheck, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (await typer.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false) == PaneReadiness.Ready)
                {
                    await DeliverOneAsync(cancellationToken).ConfigureAwait(false);
                }
                // Otherwise the pane is gone or its program stopped: the checks at the top handle both.
            }
            catch (MeshException e) when (e.Code == MeshErrorCode.AgentNotFound)
            {
                _registeredPid = null; // a fresh database: register again next round
            }
            catch (MeshException e) when (e.Code is MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout or MeshErrorCode.RateLimited or MeshErrorCode.InternalError)
            {
                LogBrokerTrouble(logger, Agent, e.Message, retry.TotalSeconds);
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = retry * 2 < _retryMax ? retry * 2 : _retryMax;
            }
        }
    }

    private async Task DeliverOneAsync(CancellationToken cancellationToken)
    {
        var items = await client.ConsumeAsync(Agent, 1, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            var message = item.Message;
            if (!_typed.Contains(message.Id))
            {
                if (message.Kind == MessageKind.Command)
                {
                    await TypeCommandAsync(message, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var text = TerminalFraming.Frame(message.FromName, message.Body, message.Room);
                    await typer.TypeAndSubmitAsync(text, cancellationToken).ConfigureAwait(false);
                    LogTyped(logger, message.Id, Agent, message.FromName, text.Length);
                }
                _typed.Add(message.Id);
            }
            await AckAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Types a control command as-is, after asking the agent's current policy; a refused one is only logged.</summary>
    private async Task TypeCommandAsync(MessageEnvelope message, CancellationToken cancellationToken)
    {
        var policy = await client.GetPolicyAsync(Agent, cancellationToken).ConfigureAwait(false);
        if (!CommandPolicy.Allows(policy, message.Body))
        {
            LogCommandRefused(logger, message.Id, Agent, message.FromName, ControlCommand.TryParse(message.Body, out _) ?? "(malformed)");
            return;
        }
        await typer.TypeAndSubmitAsync(TerminalText.CommandLine(message.Body), cancellationToken).ConfigureAwait(false);
        LogTypedCommand(logger, message.Id, Agent, message.FromName, ControlCommand.Parse(message.Body));
    }

    /// <summary>Acknowledges a typed message; a broker that is away gets asked again until it answers (the text is already typed).</summary>
    private async Task AckAsync(MessageEnvelope message, CancellationToken cancellationToken)
    {
        var retry = _retryMin;
        while (true)
        {
            try
            {
                await client.AckAsync(Agent, [message.Id], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MeshException e) when (e.Code is MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout or MeshErrorCode.RateLimited)
            {
                LogBrokerTrouble(logger, Agent, e.Message, retry.TotalSeconds);
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = retry * 2 < _retryMax ? retry * 2 : _retryMax;
            }
        }
    }

    /// <summary>Wakes the loop on every event about this agent's messages; survives broker restarts and re-registration.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var options = new FollowOptions
        {
            Reconnecting = (reason, delay) => LogStreamLost(logger, Agent, reason.Message, delay.TotalSeconds),
            Connected = _ => _wake.Wake(), // anything sent while we were away is waiting now
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var cursor = await client.GetEventCursorAsync(Agent, cancellationToken).ConfigureAwait(false);
                await foreach (var meshEvent in client.FollowAsync(Agent, cursor, options, cancellationToken).ConfigureAwait(false))
                {
                    if (meshEvent.Type is MeshEventType.MessageQueued or MeshEventType.DeliveryRequeued)
                    {
                        _wake.Wake();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (MeshException e)
            {
                // Unknown agent (a fresh database) or a broker that is away: the delivery loop re-registers; try again shortly.
                LogStreamLost(logger, Agent, e.Message, _retryMax.TotalSeconds);
                try
                {
                    await Task.Delay(_retryMax, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RegisterAsync(int pid, CancellationToken cancellationToken)
    {
        var agent = await client.RegisterAsync(registration with { Pid = pid }, cancellationToken).ConfigureAwait(false);
        _registeredPid = pid;
        LogRegistered(logger, agent.Name, agent.Id, pid);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Typed message {MessageId} for {Agent} from {Sender} ({Chars} chars)")]
    private static partial void LogTyped(ILogger logger, string messageId, string agent, string sender, int chars);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Broker trouble for {Agent}: {Reason}; retrying in {Seconds} s")]
    private static partial void LogBrokerTrouble(ILogger logger, string agent, string reason, double seconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Push stream for {Agent} lost: {Reason}; retrying in {Seconds} s")]
    private static partial void LogStreamLost(ILogger logger, string agent, string reason, double seconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Registered {Agent} (id {Id}) with the pid of its program, {Pid}")]
    private static partial void LogRegistered(ILogger logger, string agent, string id, int pid);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Typed control command {Command} ({MessageId}) for {Agent} from {Sender}")]
    private static partial void LogTypedCommand(ILogger logger, string messageId, string agent, string sender, string command);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Dropped control command {Command} ({MessageId}) for {Agent} from {Sender}: the agent's policy no longer allows it")]
    private static partial void LogCommandRefused(ILogger logger, string messageId, string agent, string sender, string command);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "The program of {Agent} in pane {Pane} has exited; messages wait until it runs again ('mesh agent start' restarts it)")]
    private static partial void LogProgramStopped(ILogger logger, string agent, string pane);
}
