namespace AgentMesh.Terminal.Supervisor;

/// <summary>What stands between a waiting task and the agent's input.</summary>
public enum InjectionVerdict
{
    /// <summary>Type it now.</summary>
    Inject,

    /// <summary>The session is not at its prompt (mid-turn, a permission question, or not reported yet).</summary>
    AgentBusy,

    /// <summary>A key was pressed less than the quiet period ago.</summary>
    UserTyping,

    /// <summary>The person has a half-typed prompt.</summary>
    DraftPending,
}

/// <summary>The rule for typing into a supervised session: at its prompt, the keyboard quiet, no draft.</summary>
public static class InjectionGate
{
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromMilliseconds(500);

    public static InjectionVerdict Decide(SessionActivity session, KeyboardActivity keyboard, DateTimeOffset now, TimeSpan quiet)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(keyboard);
        if (!session.AtPrompt)
        {
            return InjectionVerdict.AgentBusy;
        }
        if (keyboard.LastKey is { } key && now - key < quiet)
        {
            return InjectionVerdict.UserTyping;
        }
        return keyboard.HasDraft ? InjectionVerdict.DraftPending : InjectionVerdict.Inject;
    }
}
