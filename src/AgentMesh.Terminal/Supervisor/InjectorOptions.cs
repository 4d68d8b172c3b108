namespace AgentMesh.Terminal.Supervisor;

/// <summary>How the supervisor waits and types.</summary>
public sealed record InjectorOptions
{
    /// <summary>No key pressed for this long before typing.</summary>
    public TimeSpan Quiet { get; init; } = InjectionGate.DefaultQuiet;

    /// <summary>
    /// Between the paste and Enter. A TUI that sees Enter in the same read as pasted text may take it as part of
    /// the paste; a short pause makes Enter a key press of its own.
    /// </summary>
    public TimeSpan EnterGap { get; init; } = TimeSpan.FromMilliseconds(120);

    /// <summary>
    /// After Enter, how long to wait for the session's hooks to report the prompt (UserPromptSubmit) before pressing
    /// Enter again: a TUI under load can still take Enter as part of the paste and leave the text in its input.
    /// </summary>
    public TimeSpan EnterConfirm { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times Enter is pressed again when no hook reported the prompt (<see cref="EnterConfirm"/>).</summary>
    public int EnterRetries { get; init; } = 2;

    /// <summary>How often the local conditions (keyboard, session status) are looked at while a task waits.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How often the inbox is checked when no event arrived.</summary>
    public TimeSpan Recheck { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often to look for the program's session until its hooks have registered it.</summary>
    public TimeSpan LocatePoll { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After submitting a prompt, how long to wait for the hooks to report before asking the broker.</summary>
    public TimeSpan StatusTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>At most this many waiting messages are looked at per injection.</summary>
    public int Batch { get; init; } = 50;
}
