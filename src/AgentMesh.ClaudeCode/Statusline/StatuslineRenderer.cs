using System.Text;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Statusline;

/// <summary>
/// <c>mesh statusline</c>: <c>[abc12345 · 3 peers · ✉2]</c> — the session's agent id, the other live agents
/// of the mesh (dropped at zero) and its unread messages (dropped at zero). Prints nothing when the broker is
/// down or does not know the session, and never starts a broker: Claude runs this after every message.
/// </summary>
public static class StatuslineRenderer
{
    public const string Separator = " · ";

    /// <summary>Reads Claude's statusline JSON from stdin and writes the line; always returns 0.</summary>
    public static int Run(TextReader stdin, TextWriter stdout, TextWriter stderr, HookEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            var input = StatuslineInput.Parse(Encoding.UTF8.GetBytes(stdin.ReadToEnd())); // synchronously, as HookRunner
            if (input.SessionId is not { Length: > 0 } sessionId)
            {
                return 0;
            }
            var name = environment.ChosenName
                ?? new SessionStateStore(environment.Home).Read(sessionId)?.Agent
                ?? ClaudeSession.AgentName(environment.Mesh, sessionId);
            var agents = environment.CreateClient(environment.Budget).ListAgents(all: false, cancellationToken);
            if (Render(name, agents) is { } line)
            {
                stdout.WriteLine(line);
                stdout.Flush();
            }
        }
        catch (Exception e)
        {
            if (environment.Debug)
            {
                stderr.WriteLine($"mesh statusline: {e.GetType().Name}: {e.Message}");
            }
        }
        return 0;
    }

    /// <summary>The line for the agent named <paramref name="agent"/> among the live <paramref name="agents"/>, or null when it is not among them.</summary>
    public static string? Render(string agent, IReadOnlyList<AgentInfo> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var self = agents.FirstOrDefault(a => a.Name == agent) ?? agents.FirstOrDefault(a => a.Id == agent);
        if (self is null || !AgentStatus.IsLive(self.Status))
        {
            return null;
        }
        var parts = new List<string> { self.Id };
        var peers = agents.Count(a => a.Id != self.Id && AgentStatus.IsLive(a.Status));
        if (peers > 0)
        {
            parts.Add(peers == 1 ? "1 peer" : $"{peers} peers");
        }
        if (self.Unread is > 0 and var unread)
        {
            parts.Add($"✉{unread}");
        }
        return "[" + string.Join(Separator, parts) + "]";
    }
}
