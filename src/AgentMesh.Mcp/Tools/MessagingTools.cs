using System.ComponentModel;
using System.Text;
using AgentMesh.Mcp.Hosting;
using AgentMesh.Protocol.Messages;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentMesh.Mcp.Tools;

/// <summary>Sending, and reading what was said. Parameter names are snake_case, like the rest of the wire.</summary>
[McpServerToolType]
internal sealed class MessagingTools(MeshSession session)
{
    [McpServerTool(Name = "send", Destructive = false, OpenWorld = false)]
    [Description("Sends a message to another agent on the mesh. It is stored durably and delivered even if the recipient is busy or offline. Use kind 'task' when you want the recipient to act (it wakes them), 'note' for information they can read later. To answer a message, pass its id as reply_to so the conversation stays one thread.")]
    public Task<CallToolResult> SendAsync(
        [Description("Who gets it: an agent's name (e.g. 'bob'), its 8-character id, the name of its folder (e.g. 'api'), 'role:NAME' (the best placed agent in that role; see the roles tool), 'room:NAME' (a post in a room you are a member of), or '*' for every other live agent.")] string to,
        [Description("The message text, written for the recipient: say what you need and any context they lack (paths, ids, decisions).")] string body,
        [Description("'task' (default): the recipient should act on it, and is woken up. 'note': information only, read at the next natural point. 'command': a control command such as '/compact' typed into one agent's terminal, only if that agent's policy allows it (the body is just the command line).")] string kind = MessageKind.Task,
        [Description("The id of the message you are answering (the id=\"…\" of a <mesh-message>), to keep the thread; omit for a new conversation.")] string? reply_to = null,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var from = await session.RequireAgentAsync(cancellationToken);
        ToolArguments.Require(to, "to", "an agent's name, id or folder, role:NAME, room:NAME, or '*'");
        ToolArguments.Require(body, "body", "the message text");
        var sent = await session.Operations.SendAsync(from, new SendMessageRequest
        {
            To = to,
            Body = body,
            Kind = kind,
            InReplyTo = string.IsNullOrWhiteSpace(reply_to) ? null : reply_to.Trim(),
        }, cancellationToken);
        if (sent.HeldFor is { } role)
        {
            return $"Nobody in {role} is online, so {sent.Message.Id} is held and goes to the first member that comes online. Carry on; the answer will arrive in your inbox.";
        }
        var recipients = string.Join(", ", sent.Deliveries.Select(d => $"{d.RecipientName} ({d.Recipient})"));
        return $"Sent {sent.Message.Kind} {sent.Message.Id} to {recipients}. "
            + "Replies arrive in your inbox: call wait to block until one comes, or inbox to check without waiting.";
    });

    [McpServerTool(Name = "read", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows one message by id with its whole thread (oldest first) and who it was delivered to. Use it to see the context of a message before you answer it. Does not acknowledge anything.")]
    public Task<CallToolResult> ReadAsync(
        [Description("The message id, from the id=\"…\" attribute of a <mesh-message> or from history/search.")] string id,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var detail = await session.Operations.GetMessageAsync(ToolArguments.Require(id, "id", "a message id"), cancellationToken);
        var thread = await session.Operations.GetThreadAsync(detail.Message.Id, cancellationToken);
        var text = new StringBuilder();
        text.Append("Message ").Append(detail.Message.Id).Append(" was delivered to: ")
            .Append(string.Join(", ", detail.Deliveries.Select(d => $"{d.RecipientName} ({d.State})"))).Append('\n');
        text.Append("Thread ").Append(detail.Message.ThreadId).Append(", ").Append(thread.Count).Append(" message(s), oldest first:\n");
        foreach (var message in thread)
        {
            text.Append(MessageFraming.Frame(message)).Append('\n');
        }
        return text.ToString().TrimEnd();
    });

    [McpServerTool(Name = "history", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists recent messages on the mesh, newest first, whether or not they were for you. Use it to catch up on what was said; to act on messages sent to you, use wait or inbox instead.")]
    public Task<CallToolResult> HistoryAsync(
        [Description("Only messages from or to this agent (name or id); omit for the whole mesh.")] string? agent = null,
        [Description("How many messages at most (default 20, at most 500).")] int limit = 20,
        [Description("Only messages older than this message id, to page back; omit for the newest.")] string? before = null,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var messages = await session.Operations.HistoryAsync(
            string.IsNullOrWhiteSpace(agent) ? null : agent.Trim(), Math.Clamp(limit, 1, 500), string.IsNullOrWhiteSpace(before) ? null : before.Trim(), cancellationToken);
        return List(messages, "No messages yet.", "newest first", messages.Count > 0 ? $"For older ones, call history with before=\"{messages[^1].Id}\"." : null);
    });

    [McpServerTool(Name = "search", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Full-text search over the bodies of every message on the mesh. Use it to find an earlier decision, path or id before asking someone again.")]
    public Task<CallToolResult> SearchAsync(
        [Description("Words to find (all must occur); \"quoted phrases\", prefix* and OR work.")] string query,
        [Description("How many matches at most (default 20, at most 500).")] int limit = 20,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var messages = await session.Operations.SearchAsync(ToolArguments.Require(query, "query", "the words to search for"), Math.Clamp(limit, 1, 500), cancellationToken);
        return List(messages, $"No message matches '{query}'.", "best matches first", null);
    });

    private static string List(IReadOnlyList<MessageEnvelope> messages, string none, string order, string? more)
    {
        if (messages.Count == 0)
        {
            return none;
        }
        var text = new StringBuilder($"{messages.Count} message(s), {order}:\n");
        foreach (var message in messages)
        {
            text.Append(MessageFraming.Frame(message)).Append('\n');
        }
        if (more is not null)
        {
            text.Append(more);
        }
        return text.ToString().TrimEnd();
    }
}
