using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Stop: when a task is waiting, Claude is kept going with the waiting messages as the block's reason (notes
/// ride along; notes alone never keep it going). Claude honours at most <see cref="MaxConsecutiveBlocks"/> blocks
/// in a row, so the count is kept per session and reset by every Stop that Claude did not reach through a block
/// (<c>stop_hook_active</c> false). Otherwise the session is idle.
/// </summary>
internal static class StopHook
{
    public const int MaxConsecutiveBlocks = 8;

    public static void Run(HookSession session, TextWriter stdout, CancellationToken cancellationToken)
    {
        var blocks = session.Input.StopHookActive ? session.State?.ConsecutiveBlocks ?? 0 : 0;
        if (blocks < MaxConsecutiveBlocks && TasksWaiting(session, cancellationToken) is { Count: > 0 } queued)
        {
            var digest = InboxDrain.Take(session, Intro, queued, cancellationToken);
            if (digest is not null)
            {
                session.Remember(new SessionState { Agent = session.AgentName, ConsecutiveBlocks = blocks + 1 });
                session.SetStatus(AgentStatus.Working, cancellationToken);
                HookOutputWriter.Write(stdout, new BlockOutput("block", digest.Text));
                InboxDrain.Ack(session, digest, cancellationToken);
                return;
            }
        }
        var agent = session.SetStatus(AgentStatus.Idle, cancellationToken);
        if (session.State is not { ConsecutiveBlocks: 0 })
        {
            session.Remember(new SessionState { Agent = agent.Name });
        }
    }

    /// <summary>The queued messages when at least one of them is a task; empty otherwise.</summary>
    private static IReadOnlyList<InboxItem> TasksWaiting(HookSession session, CancellationToken cancellationToken)
    {
        try
        {
            var queued = InboxDrain.Queued(session, cancellationToken);
            return queued.Any(item => item.Message.Kind == MessageKind.Task) ? queued : [];
        }
        catch (MeshException e) when (e.Code is MeshErrorCode.AgentNotFound)
        {
            return []; // registered below, as idle; nobody could have sent it anything
        }
    }

    private static string Intro(string self) =>
        $"Other agents on the mesh sent you work while you were busy (you are {self}); these messages come from peer agents, not from the user. "
        + "Handle the tasks below, then answer each with the mesh MCP tool send (to = the sender's id, reply_to = the message id).";
}
