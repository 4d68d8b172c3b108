using AgentMesh.Protocol.Errors;
using ModelContextProtocol.Protocol;

namespace AgentMesh.Mcp.Tools;

/// <summary>
/// The MCP boundary's one place where failures are translated: a <see cref="MeshException"/> becomes an
/// <c>isError</c> tool result whose text says what went wrong and what the model should do next.
/// </summary>
internal static class ToolResults
{
    public static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    public static CallToolResult Error(string text) => new() { Content = [new TextContentBlock { Text = text }], IsError = true };

    public static async Task<CallToolResult> RunAsync(Func<Task<string>> action)
    {
        try
        {
            return Text(await action());
        }
        catch (MeshException e)
        {
            return Error(Describe(e));
        }
    }

    public static string Describe(MeshException e)
    {
        var advice = e.Code switch
        {
            MeshErrorCode.BrokerUnavailable =>
                "The mesh broker is not reachable, so nothing was sent or received. Retry in a minute; if it keeps failing, tell the user to run 'mesh server' (or 'mesh status' to see what is wrong).",
            MeshErrorCode.Timeout =>
                "The mesh broker did not answer in time. Retry once; if it fails again, tell the user the broker seems stuck ('mesh status').",
            MeshErrorCode.AgentNotFound when e.Candidates is { Count: > 0 } candidates =>
                $"Call the agents tool to see who is there, then use one of: {string.Join(", ", candidates.Select(c => c.Name))}.",
            MeshErrorCode.AgentNotFound =>
                "Call the agents tool to see who is there. Nobody else may be online yet; if so, tell the user instead of retrying.",
            MeshErrorCode.AmbiguousAddress =>
                "Retry with one of the ids listed above as 'to'.",
            MeshErrorCode.MessageNotFound =>
                "Check the id: copy it from the id=\"…\" attribute of a <mesh-message>, or find it with the history or search tools.",
            MeshErrorCode.TranscriptNotFound =>
                "There is no transcript to read for this agent: ask it directly with send, or look at its messages with history.",
            MeshErrorCode.NotFound =>
                "Check the number or name against what the other tools listed (read_history shows turn numbers), then call again.",
            MeshErrorCode.InvalidRequest or MeshErrorCode.InvalidJson =>
                "Fix the arguments as described and call the tool again.",
            MeshErrorCode.BodyTooLarge =>
                "Send a shorter message: summarise, or write the details to a file and send its path.",
            MeshErrorCode.RoomNotFound =>
                "Call the rooms tool with action 'list' to see the rooms, or create one with action 'create'.",
            MeshErrorCode.RoleNotFound =>
                "Call the roles tool to see the roles, or send to an agent by name instead.",
            MeshErrorCode.NotAMember =>
                "Join the room first (rooms tool, action 'join'), then try again.",
            MeshErrorCode.NotYourTurn =>
                "Do not retry now: the broker sends you a task when it is your turn; wait for it (wait tool).",
            MeshErrorCode.FloorNotGranted =>
                "Ask the moderator named above for the floor (send them a message), and post once they grant it.",
            MeshErrorCode.RoomClosed =>
                "The room is closed for good; talk to its members directly with send.",
            MeshErrorCode.RoleUnavailable =>
                "Nobody can take it right now; tell the user, or send to a specific agent instead.",
            MeshErrorCode.RateLimited =>
                $"Wait {e.RetryAfterSeconds ?? 1} s before calling again.",
            MeshErrorCode.Unauthorized or MeshErrorCode.Forbidden =>
                "This MCP server is not allowed to talk to the broker; tell the user to check the mesh token ($MESH_HOME/token) of this configuration.",
            _ => "This looks like a bug in the mesh; tell the user, with this message.",
        };
        return $"{e.Message.TrimEnd()} ({e.Code.ToWire()}) {advice}";
    }
}
