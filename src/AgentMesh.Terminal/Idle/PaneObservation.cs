namespace AgentMesh.Terminal.Idle;

/// <summary>
/// One look at a terminal a message might be typed into.
/// </summary>
/// <param name="Running">The program in it still runs.</param>
/// <param name="InMode">The terminal is in a mode where typing does not reach the program (tmux copy mode).</param>
/// <param name="Screen">Whatever identifies what is shown: the visible text and the cursor position.</param>
/// <param name="LastInput">The latest moment a person may have pressed a key, when known; null when nobody is attached.</param>
public sealed record PaneObservation(bool Running, bool InMode, string Screen, DateTimeOffset? LastInput);

/// <summary>What <see cref="IdleRule"/> concluded from the observations so far.</summary>
public enum PaneReadiness
{
    /// <summary>Quiet for the whole quiet period: type now.</summary>
    Ready,
    /// <summary>A key was pressed within the quiet period.</summary>
    Typing,
    /// <summary>The screen changed within the quiet period (someone typing, or the program still working).</summary>
    Changing,
    /// <summary>In copy mode or similar: keys would not reach the program.</summary>
    InMode,
    /// <summary>The program has exited.</summary>
    Stopped,
    /// <summary>The terminal itself is gone.</summary>
    Gone,
}
