using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// SessionEnd: unregisters the session (offline; its history and queue stay). <c>/clear</c> also ends a session,
/// but the same claude process goes on with a new one that keeps the agent, so then it is only marked idle.
/// </summary>
internal static class SessionEndHook
{
    public static void Run(HookSession session, CancellationToken cancellationToken)
    {
        var name = session.AgentName;
        session.Store.Delete(session.SessionId);
        try
        {
            if (session.Input.Reason == "clear")
            {
                session.Client.Heartbeat(name, AgentStatus.Idle, cancellationToken);
                return;
            }
            session.Client.Unregister(name, cancellationToken);
        }
        catch (MeshException e) when (e.Code is MeshErrorCode.AgentNotFound)
        {
            // never registered (the broker was down at SessionStart): nothing to take back
        }
    }
}
