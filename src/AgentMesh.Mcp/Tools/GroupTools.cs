using System.ComponentModel;
using System.Text;
using AgentMesh.Mcp.Hosting;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentMesh.Mcp.Tools;

/// <summary>Rooms (group conversations whose rules the broker enforces) and roles (addressed as role:NAME).</summary>
[McpServerToolType]
internal sealed class GroupTools(MeshSession session)
{
    [McpServerTool(Name = "rooms", Destructive = false, OpenWorld = false)]
    [Description("Rooms are group conversations with rules the broker enforces: free-form (anyone posts), round-robin (members take turns; the broker tells you with a task when it is yours), reactive (posts arrive as notes; @name mentions and your keywords make them tasks), moderated (only the moderator and members granted the floor post). Actions: list; create (room, members, mode; you join it); join (room, optional keywords); leave (room); send (room, body); history (room). Posts reach every other member; reply in a room with action send or with the send tool to 'room:NAME'.")]
    public Task<CallToolResult> RoomsAsync(
        [Description("list, create, join, leave, send or history.")] string action = "list",
        [Description("The room's name, for every action but list.")] string? room = null,
        [Description("create: the other members (names or ids), in speaking order.")] string[]? members = null,
        [Description("create: free-form (default), round-robin, reactive or moderated.")] string? mode = null,
        [Description("send: the post. Mention members with @name.")] string? body = null,
        [Description("join: words that turn reactive-room posts into tasks for you.")] string[]? keywords = null,
        [Description("history: how many messages at most (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var operations = session.Operations;
        switch (action.Trim().ToLowerInvariant())
        {
            case "list":
                return Describe(await operations.ListRoomsAsync(cancellationToken));
            case "create":
                {
                    var me = await session.RequireAgentAsync(cancellationToken);
                    var self = await operations.GetAgentAsync(me, cancellationToken);
                    var others = (members ?? []).Where(m => m != self.Name && m != self.Id);
                    var created = await operations.CreateRoomAsync(new CreateRoomRequest
                    {
                        Name = RoomName(room),
                        Members = [self.Id, .. others],
                        Mode = mode,
                        Moderator = mode == RoomMode.Moderated ? self.Id : null,
                        CreatedBy = self.Id,
                    }, cancellationToken);
                    return $"Created room {created.Name} ({created.Mode}) with {string.Join(", ", created.Members.Select(m => m.Name))}. {Rules(created)}";
                }
            case "join":
                {
                    var joined = await operations.JoinRoomAsync(await session.RequireAgentAsync(cancellationToken), RoomName(room), keywords, cancellationToken);
                    return $"You are in room {joined.Name} ({joined.Mode}) with {string.Join(", ", joined.Members.Select(m => m.Name))}. {Rules(joined)}";
                }
            case "leave":
                {
                    var left = await operations.LeaveRoomAsync(await session.RequireAgentAsync(cancellationToken), RoomName(room), cancellationToken);
                    return $"You left room {left.Name}.";
                }
            case "send":
                {
                    var post = new RoomPostRequest { Body = ToolArguments.Require(body, "body", "the post") };
                    var sent = await operations.PostInRoomAsync(await session.RequireAgentAsync(cancellationToken), RoomName(room), post, cancellationToken);
                    return $"Posted {sent.Message.Id} in {sent.Message.Room}; {sent.Deliveries.Count} member(s) will get it.";
                }
            case "history":
                {
                    var messages = await operations.RoomHistoryAsync(
                        await session.RequireAgentAsync(cancellationToken), RoomName(room), Math.Clamp(limit, 1, 500), null, cancellationToken);
                    if (messages.Count == 0)
                    {
                        return $"No messages in room {room} yet.";
                    }
                    var text = new StringBuilder($"{messages.Count} message(s) in {room}, newest first:\n");
                    foreach (var message in messages)
                    {
                        text.Append(MessageFraming.Frame(message)).Append('\n');
                    }
                    return text.ToString().TrimEnd();
                }
            default:
                throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown action '{action}'. Use list, create, join, leave, send or history.");
        }
    });

    [McpServerTool(Name = "roles", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the roles of the mesh (e.g. 'reviewer'): who fills each, in priority order, and whether they are online. Send to 'role:NAME' with the send tool and the broker picks the highest-priority member that is online, idle before busy; if nobody is online the message is held (or refused, if the role says so).")]
    public Task<CallToolResult> RolesAsync(CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var roles = await session.Operations.ListRolesAsync(cancellationToken);
        if (roles.Count == 0)
        {
            return "There are no roles in this mesh. Send to agents by name instead (find them with the agents tool).";
        }
        var text = new StringBuilder($"{roles.Count} role(s); send to one with to='role:NAME':\n");
        foreach (var role in roles)
        {
            text.Append("- role:").Append(role.Name).Append(": ")
                .Append(string.Join(" > ", role.Agents.Select(a => $"{a.Name} ({a.Status ?? "offline"})")))
                .Append("; if nobody is online: ").Append(role.Fallback == RoleFallback.Queue ? "held until someone is" : "refused");
            if (role.Capabilities.Count > 0)
            {
                text.Append("; can: ").Append(string.Join(", ", role.Capabilities));
            }
            if (role.Held > 0)
            {
                text.Append("; ").Append(role.Held).Append(" message(s) held");
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd();
    });

    private static string RoomName(string? room) => ToolArguments.Require(room, "room", "the room's name").Trim();

    private static string Describe(IReadOnlyList<RoomInfo> rooms)
    {
        var open = rooms.Where(r => !r.Closed).ToList();
        if (open.Count == 0)
        {
            return "There are no open rooms. Create one with action 'create' (room, members, mode).";
        }
        var text = new StringBuilder($"{open.Count} open room(s):\n");
        foreach (var room in open)
        {
            text.Append("- ").Append(room.Name).Append(" (").Append(room.Mode).Append("): ")
                .Append(string.Join(", ", room.Members.Select(m => m.Name))).Append(". ").Append(Rules(room)).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    private static string Rules(RoomInfo room) => room.Mode switch
    {
        RoomMode.RoundRobin => room.Turn is null ? "Nobody holds the turn yet." : $"It is {room.NameOf(room.Turn)}'s turn; the broker tells each speaker with a task.",
        RoomMode.Moderated => $"Only {room.NameOf(room.Moderator)} and members granted the floor may post.",
        RoomMode.Reactive => "Posts arrive as notes; @mentions and subscribed keywords make them tasks.",
        _ => "Any member may post.",
    };
}
