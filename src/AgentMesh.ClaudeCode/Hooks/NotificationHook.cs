using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Notification: Claude waits on the person (a permission prompt, or an idle prompt after a reply), so the
/// session is waiting-for-input. Other notification types change nothing.
/// </summary>
internal static class NotificationHook
{
    public static readonly IReadOnlyList<string> WaitingTypes = ["permission_prompt", "idle_prompt"];

    public static async Task RunAsync(HookSession session, CancellationToken cancellationToken)
    {
        if (session.Input.NotificationType is { } type && WaitingTypes.Contains(type))
        {
            await session.SetStatusAsync(AgentStatus.Waiting, cancellationToken).ConfigureAwait(false);
        }
    }
}
