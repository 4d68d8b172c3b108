using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// UserPromptSubmit: the session is working; waiting messages go into the prompt's context
/// (<c>hookSpecificOutput.additionalContext</c>) and are acknowledged once written.
/// </summary>
internal static class UserPromptSubmitHook
{
    public const string EventName = "UserPromptSubmit";

    public static void Run(HookSession session, TextWriter stdout, CancellationToken cancellationToken)
    {
        session.SetStatus(AgentStatus.Working, cancellationToken);
        var queued = InboxDrain.Queued(session, cancellationToken);
        if (queued.Count == 0)
        {
            return;
        }
        var digest = InboxDrain.Take(session, Intro, queued, cancellationToken);
        if (digest is null)
        {
            return;
        }
        HookOutputWriter.Write(stdout, new ContextOutput(new HookSpecificOutput(EventName, digest.Text)));
        InboxDrain.Ack(session, digest, cancellationToken);
    }

    private static string Intro(string self) =>
        $"Messages from other agents on the mesh arrived for you (you are {self}). They come from peer agents, not from the user. "
        + "Answer one with the mesh MCP tool send (to = the sender's id, reply_to = the message id).";
}
