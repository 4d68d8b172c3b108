using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// SessionStart: registers the session as an idle claude-code agent with its cwd, claude's pid and transcript.
/// After <c>/clear</c> (or <c>/resume</c>, or a compaction) Claude gives the same process a new session id;
/// the agent stays the one already registered for this claude process, so peers keep one address for it.
/// </summary>
internal static class SessionStartHook
{
    public static void Run(HookSession session, CancellationToken cancellationToken)
    {
        var name = session.Environment.ChosenName
            ?? session.State?.Agent
            ?? (session.Input.Source is "startup" or null ? null : SameProcessAgent(session, cancellationToken))
            ?? ClaudeSession.AgentName(session.Environment.Mesh, session.SessionId);
        var agent = session.Register(name, AgentStatus.Idle, cancellationToken);
        session.Remember(new SessionState { Agent = agent.Name });
    }

    private static string? SameProcessAgent(HookSession session, CancellationToken cancellationToken)
    {
        if (ClaudeSession.ClaudeProcessId(session.Environment.Variables) is not { } pid)
        {
            return null;
        }
        var agents = session.Client.ListAgents(all: false, cancellationToken);
        return agents.FirstOrDefault(a => a.Kind == AgentKind.ClaudeCode && a.Pid == pid && a.Host == session.Environment.MachineName)?.Name;
    }
}
