using System.Text.Json.Nodes;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Json;

/// <summary>
/// MCP servers as a JSON object of named entries: <c>{"mcpServers": {"mesh": {…}}}</c> for most clients,
/// <c>{"servers": {…}}</c> for VS Code. We own the <c>mesh</c> entry's <c>type</c> (when the client wants one),
/// <c>command</c> and <c>args</c>, and the <c>MESH_AGENT</c> key of its <c>env</c>; keys a user added to the
/// entry (<c>disabled</c>, <c>autoApprove</c>, other variables) and everything outside it stay as they are.
/// An emptied container stays too (<c>"mcpServers": {}</c>), unless the whole file then configures nothing,
/// in which case removal deletes the file.
/// </summary>
internal sealed class JsonServerConfig(string containerKey, bool writesType) : IServerConfigFormat
{
    public string ContainerKey => containerKey;

    public IFileEditor Editor(string path, McpServerEntry entry) => new JsonServerEditor(this, path, entry);

    public ServerEntryState Inspect(string path, string text)
    {
        if (Entry(JsonConfigText.Parse(path, text)) is not JsonObject entry)
        {
            return ServerEntryState.Missing;
        }
        var command = entry["command"] is JsonValue value && value.TryGetValue<string>(out var c) ? c : null;
        var arguments = entry["args"] is JsonArray array
            ? array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? "null").ToList()
            : [];
        var agent = entry["env"] is JsonObject env && env[McpServerEntry.AgentVariable] is JsonValue a && a.TryGetValue<string>(out var name) ? name : null;
        return new ServerEntryState(true, command is null ? null : [command, .. arguments], McpServerEntry.AgentNameOf(agent, arguments));
    }

    private JsonNode? Entry(JsonObject root) => root[containerKey] is JsonObject servers ? servers[McpServerEntry.ServerName] : null;

    /// <summary>The entry as the client expects it, e.g. <c>{"type":"stdio","command":"mesh","args":["mcp"]}</c>.</summary>
    private JsonObject Render(McpServerEntry entry)
    {
        var node = new JsonObject();
        if (writesType)
        {
            node["type"] = "stdio";
        }
        node["command"] = entry.Command;
        node["args"] = new JsonArray([.. entry.Arguments.Select(argument => (JsonNode?)JsonValue.Create(argument))]);
        if (entry.AgentName is not null)
        {
            node["env"] = new JsonObject { [McpServerEntry.AgentVariable] = entry.AgentName };
        }
        return node;
    }

    private sealed class JsonServerEditor(JsonServerConfig format, string path, McpServerEntry entry) : IFileEditor
    {
        private string Container => format.ContainerKey;

        public string Apply(string? text)
        {
            var root = JsonConfigText.Parse(path, text ?? "");
            var before = root.DeepClone();
            var servers = root[Container] switch
            {
                JsonObject existing => existing,
                null => (JsonObject)(root[Container] = new JsonObject()),
                _ => throw SetupErrors.Unsupported(path, null, $"\"{Container}\" is not an object; make it one (\"{Container}\": {{}}) and run mesh setup again"),
            };
            switch (servers[McpServerEntry.ServerName])
            {
                case JsonObject existing:
                    Update(existing);
                    break;
                case null:
                    servers[McpServerEntry.ServerName] = format.Render(entry);
                    break;
                default:
                    throw SetupErrors.Unsupported(path, null,
                        $"\"{Container}\".\"{McpServerEntry.ServerName}\" is not an object; delete it and run mesh setup again");
            }
            if (text is not null && JsonNode.DeepEquals(before, root))
            {
                return text;
            }
            RefuseComments(text, $"add the server by hand under \"{Container}\": \"{McpServerEntry.ServerName}\": {format.Render(entry).ToJsonString()}");
            return JsonConfigText.Write(root, JsonStyle.Of(text));
        }

        public string? Remove(string text)
        {
            var root = JsonConfigText.Parse(path, text);
            if (root[Container] is not JsonObject servers || !servers.ContainsKey(McpServerEntry.ServerName))
            {
                return null;
            }
            RefuseComments(text, $"delete the \"{McpServerEntry.ServerName}\" entry under \"{Container}\" by hand");
            servers.Remove(McpServerEntry.ServerName);
            return JsonConfigText.Write(root, JsonStyle.Of(text));
        }

        public bool IsEmpty(string text)
        {
            var root = JsonConfigText.Parse(path, text);
            return root.Count == 0 || (root.Count == 1 && root[Container] is JsonObject { Count: 0 });
        }

        /// <summary>Sets the keys we own in place, so a user's key order and extra keys survive.</summary>
        private void Update(JsonObject existing)
        {
            var wanted = format.Render(entry);
            foreach (var key in (string[])["type", "command", "args"])
            {
                if (wanted[key] is { } value)
                {
                    existing[key] = value.DeepClone();
                }
            }
            var env = existing["env"] switch
            {
                JsonObject o => o,
                null => null,
                _ => throw SetupErrors.Unsupported(path, null,
                    $"\"{Container}\".\"{McpServerEntry.ServerName}\".\"env\" is not an object; fix or delete it and run mesh setup again"),
            };
            if (entry.AgentName is { } name)
            {
                if (env is null)
                {
                    existing["env"] = new JsonObject { [McpServerEntry.AgentVariable] = name };
                }
                else
                {
                    env[McpServerEntry.AgentVariable] = name;
                }
            }
            else if (env is not null && env.Remove(McpServerEntry.AgentVariable) && env.Count == 0)
            {
                existing.Remove("env");
            }
        }

        /// <summary>Re-serialising would drop the user's comments, so a commented file is edited by hand.</summary>
        private void RefuseComments(string? text, string byHand)
        {
            if (text is not null && JsonConfigText.FirstCommentLine(text) is { } line)
            {
                throw SetupErrors.Unsupported(path, line,
                    $"has comments, which rewriting the file would drop. Either {byHand}, or remove the comments and run mesh setup again");
            }
        }
    }
}
