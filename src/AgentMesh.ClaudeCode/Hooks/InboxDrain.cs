using AgentMesh.Protocol.Messages;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// Takes the waiting messages that fit into one hook's text. It looks first (peek), decides what fits, and
/// consumes exactly that many, so messages that do not fit stay queued for the MCP tools rather than sitting
/// under a lease nobody will act on. Messages leased elsewhere (an MCP <c>wait</c> in progress) are left alone,
/// and so are control commands (<c>kind=command</c>): they are for the terminal, where the PTY supervisor or a
/// tmux daemon types them, never text for Claude's context.
/// </summary>
internal static class InboxDrain
{
    public const int PeekLimit = 100;

    public static IReadOnlyList<InboxItem> Queued(HookSession session, CancellationToken cancellationToken) =>
        [.. session.Client.PeekInbox(session.AgentName, PeekLimit, cancellationToken)
            .Where(item => item.State == DeliveryState.Queued && item.Message.Kind != MessageKind.Command)];

    /// <summary>
    /// Consumes what fits of <paramref name="queued"/> and returns it as text, or null when nothing was taken;
    /// <paramref name="intro"/> makes the text's first line from the receiving agent's id.
    /// </summary>
    public static MessageDigest? Take(
        HookSession session, Func<string, string> intro, IReadOnlyList<InboxItem> queued, CancellationToken cancellationToken)
    {
        var agents = session.Client.ListAgents(all: true, cancellationToken);
        var name = session.AgentName;
        var self = agents.FirstOrDefault(a => a.Name == name)?.Id ?? name;
        var folders = agents.ToDictionary(a => a.Id, a => a.Cwd is { Length: > 0 } cwd ? Path.GetFileName(cwd.TrimEnd('/')) : null);
        string? FolderOf(string id) => folders.GetValueOrDefault(id);

        var plan = MessageDigest.Compose(self, intro(self), [.. queued.Select(item => item.Message)], FolderOf);
        if (plan.Attached.Count == 0)
        {
            return null;
        }
        var taken = session.Client.Consume(session.AgentName, plan.Attached.Count, MessageKind.ForModels, cancellationToken);
        if (taken.Count == 0)
        {
            return null;
        }
        return MessageDigest.Compose(self, intro(self), [.. taken.Select(item => item.Message)], FolderOf,
            alsoWaiting: [.. queued.Select(item => item.Message.Id).Except(taken.Select(item => item.Message.Id))]);
    }

    /// <summary>Acknowledges what Claude was given; called only after the hook's output was written.</summary>
    public static void Ack(HookSession session, MessageDigest digest, CancellationToken cancellationToken)
    {
        if (digest.Attached.Count > 0)
        {
            session.Client.Ack(session.AgentName, digest.Attached, cancellationToken);
        }
    }
}
