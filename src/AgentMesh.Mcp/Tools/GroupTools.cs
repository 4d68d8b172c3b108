using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentMesh.Mcp.Tools;

/// <summary>
/// Rooms and roles are part of the tool set the mesh promises, but the broker does not implement them yet.
/// The tools exist so a model that reads about them gets a clear answer instead of an unknown-tool error.
/// </summary>
[McpServerToolType]
internal sealed class GroupTools
{
    [McpServerTool(Name = "rooms", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Rooms (named group conversations: list, create, join, leave, send, history). Not available on this broker yet: it always answers with an error; talk to agents directly with send, or to everyone with to='*'.")]
    public static CallToolResult Rooms(
        [Description("What to do: list, create, join, leave, send or history.")] string action = "list",
        [Description("The room's name, for every action but list.")] string? room = null) =>
        ToolResults.Error(
            $"Rooms are not available on this broker yet, so '{action}'{(room is null ? "" : $" on room '{room}'")} did nothing. "
            + "Send to agents directly with the send tool (to a name, or '*' for every live agent), and find them with the agents tool.");

    [McpServerTool(Name = "roles", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Roles (named responsibilities such as 'reviewer' that agents take, addressed as 'role:NAME'). Not available on this broker yet: it always answers with an error; find the right agent with the agents tool instead.")]
    public static CallToolResult Roles() =>
        ToolResults.Error(
            "Roles are not available on this broker yet. Find the agent you need with the agents tool (names and folders say what they work on) and send to it by name.");
}
