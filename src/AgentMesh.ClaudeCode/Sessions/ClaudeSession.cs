using System.Globalization;
using AgentMesh.Core.Identity;
using AgentMesh.Protocol.Local;

namespace AgentMesh.ClaudeCode.Sessions;

/// <summary>
/// Who a Claude Code session is on the mesh. Its hooks and its <c>mesh mcp</c> server run as separate
/// processes, and must still be one agent: both derive the agent's name from the Claude session id (the hooks
/// read it on stdin, the MCP server from <c>CLAUDE_CODE_SESSION_ID</c>, which Claude sets for its MCP servers),
/// so whichever registers first creates the agent and the other refreshes it. The name is the agent's stable
/// 8-char id itself (<see cref="AgentIds.FromSessionId"/>); people address the session by it or by its folder.
/// </summary>
public static class ClaudeSession
{
    /// <summary>Set by Claude Code for its MCP servers and hooks.</summary>
    public const string SessionIdVariable = "CLAUDE_CODE_SESSION_ID";

    /// <summary>Set by Claude Code for its hooks: the pid of the claude process.</summary>
    public const string PidVariable = "CLAUDE_PID";

    /// <summary>The agent name (and id) of a Claude session in <paramref name="mesh"/>.</summary>
    public static string AgentName(string mesh, string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mesh);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return AgentIds.FromSessionId(mesh, sessionId);
    }

    /// <summary>
    /// The claude process a hook runs for: <c>$CLAUDE_PID</c>, else our parent, skipping the shell Claude runs
    /// hook commands with (<c>/bin/sh -c "mesh hook …"</c>). Null where there is no procfs.
    /// </summary>
    public static int? ClaudeProcessId(Func<string, string?> variables)
    {
        if (int.TryParse(variables(PidVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var fromClaude) && fromClaude > 1)
        {
            return fromClaude;
        }
        var parent = ProcessTree.ParentOf(Environment.ProcessId);
        if (parent is { } shell && IsShell(shell))
        {
            parent = ProcessTree.ParentOf(shell);
        }
        return parent is > 1 ? parent : null;
    }

    private static bool IsShell(int pid) =>
        ProcessTree.CommandName(pid) is "sh" or "bash" or "dash" or "zsh" or "ksh" or "fish";
}
