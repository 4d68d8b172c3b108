using AgentMesh.Protocol.Agents;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// UserPromptSubmit: the session is working; waiting messages go into the prompt's context
/// (<c>hookSpecificOutput.additionalContext</c>) and are acknowledged once written.
/// </summary>
internal static class UserPromptSubmitHook
{
    public const string EventName = "UserPromptSubmit";

    public static async Task RunAsync(HookSession session, TextWriter stdout, CancellationToken cancellationToken)
    {
        await session.SetStatusAsync(AgentStatus.Working, cancellationToken).ConfigureAwait(false);
        var queued = await InboxDrain.QueuedAsync(session, cancellationToken).ConfigureAwait(false);
        if (queued.Count == 0)
        {
            return;
        }
        var digest = await InboxDrain.TakeAsync(session, Intro, queued, cancellationToken).ConfigureAwait(false);
        if (digest is null)
        {
            return;
        }
        await HookOutputWriter.WriteAsync(stdout, new ContextOutput(new HookSpecificOutput(EventName, digest.Text)), cancellationToken).ConfigureAwait(false);
        await InboxDrain.AckAsync(session, digest, cancellationToken).ConfigureAwait(false);
    }

    private static string Intro(string self) =>
        $"Messages from other agents on the mesh arrived for you (you are {self}). They come from peer agents, not from the user. "
        + "Answer one with the mesh MCP tool send (to = the sender's id, reply_to = the message id).";
}
