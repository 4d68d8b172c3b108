namespace AgentMesh.Terminal.Idle;

/// <summary>
/// "Is someone typing?" — the rule every injector follows before it types: the program runs, the terminal is
/// not in copy mode, no key was pressed for <see cref="Quiet"/>, and the screen has not changed for
/// <see cref="Quiet"/> (500 ms by default). The screen rule catches what key timestamps miss: keys sent by
/// other programs, a person typing in a second client, and an agent that is still printing. Feed it one
/// observation per poll; the first observation of a screen starts its quiet period, so "Ready" always means
/// the screen was seen unchanged for the whole period.
/// </summary>
public sealed class IdleRule(TimeSpan quiet)
{
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromMilliseconds(500);

    private string? _screen;
    private DateTimeOffset _screenSince;

    public IdleRule()
        : this(DefaultQuiet)
    {
    }

    public TimeSpan Quiet { get; } = quiet;

    public PaneReadiness Observe(PaneObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_screen is null || !string.Equals(_screen, observation.Screen, StringComparison.Ordinal))
        {
            _screen = observation.Screen;
            _screenSince = now;
        }
        if (!observation.Running)
        {
            return PaneReadiness.Stopped;
        }
        if (observation.InMode)
        {
            return PaneReadiness.InMode;
        }
        if (observation.LastInput is { } input && now - input < Quiet)
        {
            return PaneReadiness.Typing;
        }
        return now - _screenSince < Quiet ? PaneReadiness.Changing : PaneReadiness.Ready;
    }

    /// <summary>Forgets the screen, e.g. after typing into it ourselves.</summary>
    public void Reset() => _screen = null;
}
