using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Notification: Claude waits on the person (a permission prompt, or an idle prompt after a reply), so the
/// session is waiting-for-input. Other notification types change nothing.
/// </summary>
internal static class NotificationHook
{
    public static readonly IReadOnlyList<string> WaitingTypes = ["permission_prompt", "idle_prompt"];

    public static void Run(HookSession session, CancellationToken cancellationToken)
    {
        if (session.Input.NotificationType is { } type && WaitingTypes.Contains(type))
        {
            session.SetStatus(AgentStatus.Waiting, cancellationToken);
        }
    }
}
