using System.Text.Json.Nodes;
using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// Our part of <c>~/.claude.json</c> (Claude's own state file, which it rewrites often): the user-scope MCP
/// server <c>mcpServers.mesh</c> running <c>mesh mcp</c>. Keys a user added to an existing entry stay.
/// </summary>
internal static class StateJson
{
    public const string ServerName = "mesh";

    public static void Apply(JsonObject state, McpServerCommand mesh)
    {
        var servers = state["mcpServers"] switch
        {
            JsonObject existing => existing,
            null => (JsonObject)(state["mcpServers"] = new JsonObject()),
            _ => throw InstallErrors.Unsupported("\"mcpServers\" is not an object"),
        };
        var wanted = new JsonObject
        {
            ["type"] = "stdio",
            ["command"] = mesh.Command,
            ["args"] = new JsonArray([.. mesh.Arguments.Append("mcp").Select(a => (JsonNode?)JsonValue.Create(a))]),
        };
        if (servers[ServerName] is not JsonObject entry)
        {
            servers[ServerName] = wanted;
            return;
        }
        foreach (var (key, value) in wanted)
        {
            if (!JsonNode.DeepEquals(entry[key], value))
            {
                entry[key] = value!.DeepClone(); // every wanted value is set above
            }
        }
    }

    public static void Restore(JsonObject current, JsonObject before)
    {
        if (current["mcpServers"] is not JsonObject servers)
        {
            return;
        }
        var serversBefore = before["mcpServers"] as JsonObject;
        if (serversBefore?[ServerName] is { } earlier)
        {
            servers[ServerName] = earlier.DeepClone();
        }
        else
        {
            servers.Remove(ServerName);
        }
        if (servers.Count == 0 && serversBefore is null)
        {
            current.Remove("mcpServers");
        }
    }
}
