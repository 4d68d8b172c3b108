using AgentMesh.Protocol.Messages;

namespace AgentMesh.Protocol.Policies;

/// <summary>
/// The one answer to "may this command be typed into this agent's terminal?", asked by the broker when the
/// command is sent and again by whatever types it (the PTY supervisor of <c>mesh run</c>, the tmux daemon)
/// just before typing, because the policy may have been narrowed in between.
/// </summary>
public static class CommandPolicy
{
    /// <summary>
    /// True when <paramref name="body"/> is a well-formed control command (<see cref="ControlCommand"/>) whose
    /// name is in <paramref name="policy"/>'s allowed commands. Anything malformed is never allowed.
    /// </summary>
    public static bool Allows(AgentPolicy policy, string? body)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return ControlCommand.TryParse(body, out _) is { } name && policy.AllowedCommands.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>The command line that tells a person how to allow <paramref name="command"/> for <paramref name="agent"/>.</summary>
    public static string HowToAllow(string agent, string command) => $"mesh policy allow-commands {agent} {command} --add";
}
