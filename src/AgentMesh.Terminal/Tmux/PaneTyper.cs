using AgentMesh.Terminal.Idle;

namespace AgentMesh.Terminal.Tmux;

/// <summary>How a <see cref="PaneTyper"/> waits and types.</summary>
public sealed record TypingOptions
{
    /// <summary>No keys and no screen change for this long before typing (the idle rule).</summary>
    public TimeSpan Quiet { get; init; } = IdleRule.DefaultQuiet;

    /// <summary>How often the pane is looked at while waiting for quiet.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Between the text and Enter. Agent TUIs treat keys that arrive together as a paste, and an Enter inside a
    /// paste as a newline rather than "submit"; a short pause makes Enter a key press of its own.
    /// </summary>
    public TimeSpan EnterGap { get; init; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// Types text into one tmux pane the way a polite person would: only once the pane is idle by
/// <see cref="IdleRule"/>, the text as literal keys, then Enter on its own after a short gap.
/// </summary>
public sealed class PaneTyper(TmuxSessions tmux, string session, string paneId, TypingOptions options, TimeProvider time)
{
    public string PaneId => paneId;

    /// <summary>
    /// Polls the pane until it is <see cref="PaneReadiness.Ready"/>, or returns what stands in the way for
    /// good: <see cref="PaneReadiness.Gone"/> (no pane) or <see cref="PaneReadiness.Stopped"/> (the program exited).
    /// Copy mode and typing are waited out, however long they last.
    /// </summary>
    public async Task<PaneReadiness> WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        var rule = new IdleRule(options.Quiet);
        while (true)
        {
            var observation = await tmux.ObserveAsync(session, paneId, cancellationToken).ConfigureAwait(false);
            if (observation is null)
            {
                return PaneReadiness.Gone;
            }
            var readiness = rule.Observe(observation, time.GetUtcNow());
            if (readiness is PaneReadiness.Ready or PaneReadiness.Stopped)
            {
                return readiness;
            }
            await Task.Delay(options.Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Types <paramref name="text"/> (already sanitised and framed), waits <see cref="TypingOptions.EnterGap"/>,
    /// and presses Enter. Call right after <see cref="WaitUntilIdleAsync"/> returned Ready.
    /// </summary>
    public async Task TypeAndSubmitAsync(string text, CancellationToken cancellationToken)
    {
        await tmux.TypeLiteralAsync(paneId, text, cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.EnterGap, time, cancellationToken).ConfigureAwait(false);
        await tmux.PressEnterAsync(paneId, cancellationToken).ConfigureAwait(false);
    }
}
