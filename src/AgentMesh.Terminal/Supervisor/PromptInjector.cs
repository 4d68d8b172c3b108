using System.Text;
using AgentMesh.Client;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;
using AgentMesh.Terminal.Delivery;
using AgentMesh.Terminal.Text;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Terminal.Supervisor;

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ How `mesh run` gets a task into the agent's prompt                                                │
// │                                                                                                   │
// │ 1. Find the session the program's hooks registered (SessionLocator), then follow its push stream: │
// │    a queued or requeued message wakes the loop; a status change (from the hooks) is recorded.     │
// │ 2. Peek (changes nothing). Only a task is worth a prompt: notes wait and ride along with the next │
// │    task. While a task waits, watch the local conditions until the gate opens: the session is at   │
// │    its prompt, no key for 500 ms, no half-typed draft (InjectionGate).                            │
// │ 3. Take the terminal (the person's keys wait), check the gate once more, consume as many waiting  │
// │    messages as fit one prompt, paste them (bracketed if the program asked for it), pause, press   │
// │    Enter, and only then acknowledge. A failed write acknowledges nothing: the lease runs out and  │
// │    the messages come back. If no hook reports the prompt soon, Enter was taken as part of the     │
// │    paste (a TUI under load): it is pressed again, still holding the terminal.                     │
// │ 4. After Enter the session counts as busy until its hooks report a status again.                  │
// │ Control commands (kind=command, e.g. /compact) go first, each typed as its bare line with Enter,  │
// │ and only if the session's policy allows it when it is typed (it may have been revoked since the   │
// │ send); a refused one is acknowledged and dropped. Built-in commands run no hooks, so after one    │
// │ the session counts as busy until the hooks report or the status timeout asks the broker.          │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>Types a supervised session's tasks into its prompt (see the block above).</summary>
public sealed partial class PromptInjector(
    MeshClient client,
    SessionLocator locator,
    TerminalInput terminal,
    KeyboardActivity keyboard,
    PasteModeTracker paste,
    InjectorOptions options,
    ILogger logger,
    TimeProvider time)
{
    private static readonly TimeSpan _retryMin = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan _retryMax = TimeSpan.FromSeconds(5);
    private static readonly byte[] _enter = "\r"u8.ToArray();
    private readonly WakeSignal _wake = new();
    private readonly SessionActivity _session = new();
    private volatile bool _statusStale;
    private volatile bool _statusOverdue;
    private string _agent = "";

    /// <summary>Runs until cancelled (the program exited).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await LocateAsync(cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var follow = FollowAsync(stop.Token);
        try
        {
            await DeliverAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await follow.ConfigureAwait(false);
        }
    }

    private async Task LocateAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var warned = false;
        while (true)
        {
            try
            {
                if (await locator.FindAsync(cancellationToken).ConfigureAwait(false) is { } agent)
                {
                    _agent = agent.Name;
                    _session.Report(agent.Status);
                    LogFound(logger, agent.Name, agent.Id, agent.Status);
                    return;
                }
            }
            catch (MeshException e) when (IsBrokerTrouble(e))
            {
                LogBrokerTrouble(logger, "(not found yet)", e.Message, options.LocatePoll.TotalSeconds);
            }
            if (!warned && time.GetUtcNow() - started > TimeSpan.FromSeconds(15))
            {
                LogNotRegistered(logger);
                warned = true;
            }
            await Task.Delay(options.LocatePoll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        var retry = _retryMin;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await RefreshStatusIfStaleAsync(cancellationToken).ConfigureAwait(false);
                var waiting = await client.PeekInboxAsync(_agent, options.Batch, cancellationToken).ConfigureAwait(false);
                retry = _retryMin;
                if (!waiting.Any(item => IsWorthAPrompt(item.Message)))
                {
                    await _wake.WaitAsync(options.Recheck, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await WaitForGateAsync(cancellationToken).ConfigureAwait(false);
                await InjectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MeshException e) when (e.Code == MeshErrorCode.AgentNotFound)
            {
                LogSessionGone(logger, _agent); // a fresh database, or the session was removed: find it again
                await LocateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MeshException e) when (IsBrokerTrouble(e))
            {
                LogBrokerTrouble(logger, _agent, e.Message, retry.TotalSeconds);
                _statusStale = true;
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = retry * 2 < _retryMax ? retry * 2 : _retryMax;
            }
        }
    }

    /// <summary>Waits until the session is at its prompt and the keyboard is quiet with no draft.</summary>
    private async Task WaitForGateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var verdict = InjectionGate.Decide(_session, keyboard, time.GetUtcNow(), options.Quiet);
            if (verdict == InjectionVerdict.Inject)
            {
                return;
            }
            if (verdict == InjectionVerdict.AgentBusy && _session.SubmittedAt is { } submitted && time.GetUtcNow() - submitted > options.StatusTimeout)
            {
                _statusOverdue = true; // our prompt got no word from the hooks: ask the broker what the session is doing
                _statusStale = true;
            }
            await RefreshStatusIfStaleAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InjectAsync(CancellationToken cancellationToken)
    {
        using var turn = await terminal.TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        if (InjectionGate.Decide(_session, keyboard, time.GetUtcNow(), options.Quiet) != InjectionVerdict.Inject)
        {
            return; // a key arrived while we took the terminal
        }
        var waiting = await client.PeekInboxAsync(_agent, options.Batch, cancellationToken).ConfigureAwait(false);
        if (waiting.Any(item => item.Message.Kind == MessageKind.Command))
        {
            await TypeCommandsAsync(turn, waiting.Count(item => item.Message.Kind == MessageKind.Command), cancellationToken).ConfigureAwait(false);
            return;
        }
        var forModel = waiting.Select(item => item.Message).Where(m => MessageKind.ForModels.Contains(m.Kind)).ToList();
        if (!forModel.Any(m => m.Kind == MessageKind.Task))
        {
            return; // a hook delivered it meanwhile: a prompt without its task would be a bare, context-free one
        }
        var count = PromptPaste.HowManyFit(forModel);
        var consumed = await client.ConsumeAsync(_agent, count, TimeSpan.Zero, MessageKind.ForModels, cancellationToken).ConfigureAwait(false);
        var messages = consumed.Select(item => item.Message).ToList();
        if (!messages.Any(m => m.Kind == MessageKind.Task))
        {
            // Only notes were left (a hook took the task between peek and consume). Notes never go alone:
            // they stay unacknowledged and come back when their lease runs out, to ride with the next task.
            LogNotesHeld(logger, _agent, messages.Count);
            return;
        }
        var text = PromptPaste.Text(messages);
        await turn.WriteAsync(PromptPaste.Bytes(text, paste.Enabled), cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.EnterGap, time, cancellationToken).ConfigureAwait(false);
        await turn.WriteAsync(_enter, cancellationToken).ConfigureAwait(false);
        _session.Submitted(time.GetUtcNow());
        LogInjected(logger, _agent, messages.Count, text.Length, paste.Enabled);
        await ConfirmEnterAsync(turn, cancellationToken).ConfigureAwait(false);
        await AckAsync([.. messages.Select(m => m.Id)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the session's hooks to report the prompt just submitted; when none does within
    /// <see cref="InjectorOptions.EnterConfirm"/>, presses Enter again. The person's keys are held back meanwhile, so
    /// nothing but our text can be in the input, and a TUI ignores Enter on an empty input if it did take the first.
    /// </summary>
    private async Task ConfirmEnterAsync(TerminalInput.Turn turn, CancellationToken cancellationToken)
    {
        for (var again = 1; again <= options.EnterRetries; again++)
        {
            var deadline = time.GetUtcNow() + options.EnterConfirm;
            while (_session.SubmittedAt is not null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(options.Poll, time, cancellationToken).ConfigureAwait(false);
            }
            if (_session.SubmittedAt is null)
            {
                return;
            }
            await turn.WriteAsync(_enter, cancellationToken).ConfigureAwait(false);
            LogEnterAgain(logger, _agent, again, options.EnterConfirm.TotalSeconds);
        }
    }

    /// <summary>Types the waiting control commands the session's policy allows, each on its own line with Enter; drops the rest.</summary>
    private async Task TypeCommandsAsync(TerminalInput.Turn turn, int count, CancellationToken cancellationToken)
    {
        var commands = await client.ConsumeAsync(_agent, count, TimeSpan.Zero, [MessageKind.Command], cancellationToken).ConfigureAwait(false);
        if (commands.Count == 0)
        {
            return;
        }
        var policy = await client.GetPolicyAsync(_agent, cancellationToken).ConfigureAwait(false); // now, not as it was at the send
        foreach (var command in commands.Select(item => item.Message))
        {
            if (CommandPolicy.Allows(policy, command.Body))
            {
                await turn.WriteAsync(Encoding.UTF8.GetBytes(TerminalText.CommandLine(command.Body)), cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.EnterGap, time, cancellationToken).ConfigureAwait(false);
                await turn.WriteAsync(_enter, cancellationToken).ConfigureAwait(false);
                _session.Submitted(time.GetUtcNow());
                LogCommandTyped(logger, _agent, command.Id, command.FromName);
            }
            else
            {
                LogCommandRefused(logger, _agent, command.Id, command.FromName);
            }
            await AckAsync([command.Id], cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsWorthAPrompt(MessageEnvelope message) => message.Kind is MessageKind.Task or MessageKind.Command;

    /// <summary>Acknowledges typed messages; a broker that is away is asked again until it answers (the text is typed).</summary>
    private async Task AckAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var retry = _retryMin;
        while (true)
        {
            try
            {
                await client.AckAsync(_agent, ids, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MeshException e) when (IsBrokerTrouble(e))
            {
                LogBrokerTrouble(logger, _agent, e.Message, retry.TotalSeconds);
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = retry * 2 < _retryMax ? retry * 2 : _retryMax;
            }
        }
    }

    private async Task RefreshStatusIfStaleAsync(CancellationToken cancellationToken)
    {
        if (!_statusStale)
        {
            return;
        }
        _statusStale = false;
        var agent = await client.GetAgentAsync(_agent, cancellationToken).ConfigureAwait(false);
        _session.Report(agent.Status, force: _statusOverdue);
        _statusOverdue = false;
        LogStatus(logger, _agent, agent.Status, "a fresh read");
    }

    /// <summary>Records the session's status changes and wakes the loop for new messages; survives broker restarts.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var follow = new FollowOptions
        {
            Reconnecting = (reason, delay) => LogStreamLost(logger, _agent, reason.Message, delay.TotalSeconds),
            Connected = _ =>
            {
                _statusStale = true; // whatever happened while we were away
                _wake.Wake();
            },
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var cursor = await client.GetEventCursorAsync(_agent, cancellationToken).ConfigureAwait(false);
                await foreach (var meshEvent in client.FollowAsync(_agent, cursor, follow, cancellationToken).ConfigureAwait(false))
                {
                    Observe(meshEvent);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (MeshException e)
            {
                LogStreamLost(logger, _agent, e.Message, _retryMax.TotalSeconds);
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

    private void Observe(MeshEvent meshEvent)
    {
        switch (meshEvent.Type)
        {
            case MeshEventType.AgentStatus or MeshEventType.AgentRegistered or MeshEventType.AgentOffline
                when meshEvent.AgentInfo is { } info && info.Name == _agent:
                _session.Report(info.Status);
                LogStatus(logger, _agent, info.Status, meshEvent.Type + " #" + meshEvent.Seq);
                _wake.Wake();
                break;
            case MeshEventType.MessageQueued or MeshEventType.DeliveryRequeued:
                _wake.Wake();
                break;
        }
    }

    [LoggerMessage(EventId = 28, Level = LogLevel.Information, Message = "Typed control command {MessageId} for {Agent} from {Sender}")]
    private static partial void LogCommandTyped(ILogger logger, string agent, string messageId, string sender);

    [LoggerMessage(EventId = 29, Level = LogLevel.Warning, Message = "Dropped control command {MessageId} for {Agent} from {Sender}: the session's policy does not allow it (any more)")]
    private static partial void LogCommandRefused(ILogger logger, string agent, string messageId, string sender);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "No hook of {Agent} reported the typed prompt within {Seconds} s; pressed Enter again (time {Again})")]
    private static partial void LogEnterAgain(ILogger logger, string agent, int again, double seconds);

    [LoggerMessage(EventId = 27, Level = LogLevel.Debug, Message = "Status of {Agent}: {Status} (from {Source})")]
    private static partial void LogStatus(ILogger logger, string agent, string status, string source);

    private static bool IsBrokerTrouble(MeshException e) =>
        e.Code is MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout or MeshErrorCode.RateLimited or MeshErrorCode.InternalError;

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Supervising agent {Agent} (id {Id}), status {Status}")]
    private static partial void LogFound(ILogger logger, string agent, string id, string status);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "No session registered for the program yet; tasks are typed once its hooks register it ('mesh install' installs them)")]
    private static partial void LogNotRegistered(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Typed {Count} message(s) for {Agent} ({Chars} chars, bracketed paste {Bracketed})")]
    private static partial void LogInjected(ILogger logger, string agent, int count, int chars, bool bracketed);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Only {Count} note(s) left for {Agent}; they wait for the next task")]
    private static partial void LogNotesHeld(ILogger logger, string agent, int count);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Broker trouble for {Agent}: {Reason}; retrying in {Seconds} s")]
    private static partial void LogBrokerTrouble(ILogger logger, string agent, string reason, double seconds);

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "Push stream for {Agent} lost: {Reason}; retrying in {Seconds} s")]
    private static partial void LogStreamLost(ILogger logger, string agent, string reason, double seconds);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "Session {Agent} is no longer known to the broker; looking for it again")]
    private static partial void LogSessionGone(ILogger logger, string agent);
}
