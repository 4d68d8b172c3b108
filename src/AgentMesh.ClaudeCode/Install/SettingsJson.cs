using System.Text.Json.Nodes;
using AgentMesh.ClaudeCode.Hooks;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// Our part of <c>settings.json</c>: one hook group per event, <c>{"hooks":[{"type":"command","command":"mesh hook
/// &lt;event&gt;"}]}</c> (Notification only for <c>permission_prompt|idle_prompt</c>), and the <c>statusLine</c> when
/// there is none or it is ours. Groups of the user's stay where they are; a user's own statusLine is never
/// replaced. Pure JSON in, JSON out.
/// </summary>
internal static class SettingsJson
{
    public const string NotificationMatcher = "permission_prompt|idle_prompt";

    /// <summary>Puts our hooks and statusLine into <paramref name="settings"/>; returns the user's own statusLine command when it was left alone.</summary>
    public static string? Apply(JsonObject settings, MeshCommandLine mesh)
    {
        var hooks = settings["hooks"] switch
        {
            JsonObject existing => existing,
            null => (JsonObject)(settings["hooks"] = new JsonObject()),
            _ => throw InstallErrors.Unsupported("\"hooks\" is not an object"),
        };
        foreach (var (hookEvent, claudeEvent) in HookRunner.Events)
        {
            var groups = hooks[claudeEvent] switch
            {
                JsonArray existing => existing,
                null => (JsonArray)(hooks[claudeEvent] = new JsonArray()),
                _ => throw InstallErrors.Unsupported($"\"hooks\".\"{claudeEvent}\" is not an array"),
            };
            PlaceOurGroup(groups, Group(claudeEvent, mesh.Hook(hookEvent)), mesh);
        }
        switch (settings["statusLine"])
        {
            case null:
                settings["statusLine"] = StatusLine(mesh);
                return null;
            case JsonObject line when IsOurStatusLine(line, mesh):
                settings["statusLine"] = StatusLine(mesh);
                return null;
            case JsonObject line:
                return CommandOf(line) ?? line.ToJsonString();
            case var other:
                return other.ToJsonString();
        }
    }

    /// <summary>
    /// Takes our hooks and statusLine out of <paramref name="current"/> and puts back what <paramref name="before"/> had
    /// there. Ours: what <paramref name="mesh"/> (the program uninstalling) would write, or any mesh hook command.
    /// </summary>
    public static void Restore(JsonObject current, JsonObject before, MeshCommandLine mesh)
    {
        if (current["hooks"] is JsonObject hooks)
        {
            var hooksBefore = before["hooks"] as JsonObject;
            foreach (var (_, claudeEvent) in HookRunner.Events)
            {
                if (hooks[claudeEvent] is not JsonArray groups)
                {
                    continue;
                }
                RemoveOurs(groups, mesh);
                if (hooksBefore?[claudeEvent] is JsonArray earlier)
                {
                    foreach (var group in earlier.Where(g => g is JsonObject o && IsOurs(o, mesh)))
                    {
                        groups.Add(group!.DeepClone()); // Where kept only objects
                    }
                }
                if (groups.Count == 0 && hooksBefore?.ContainsKey(claudeEvent) != true)
                {
                    hooks.Remove(claudeEvent);
                }
            }
            if (hooks.Count == 0 && !before.ContainsKey("hooks"))
            {
                current.Remove("hooks");
            }
        }
        if (current["statusLine"] is JsonObject line && IsOurStatusLine(line, mesh))
        {
            if (before["statusLine"] is { } earlier)
            {
                current["statusLine"] = earlier.DeepClone();
            }
            else
            {
                current.Remove("statusLine");
            }
        }
    }

    /// <summary>Ours replaces an old one of ours in place (a new mesh path), or goes last; an identical one stays.</summary>
    private static void PlaceOurGroup(JsonArray groups, JsonObject wanted, MeshCommandLine mesh)
    {
        var index = -1;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            if (groups[i] is JsonObject group && IsOurs(group, mesh))
            {
                if (index >= 0)
                {
                    groups.RemoveAt(index); // a duplicate of ours from an older install: keep the first
                }
                index = i;
            }
        }
        if (index < 0)
        {
            groups.Add(wanted);
        }
        else if (!JsonNode.DeepEquals(groups[index], wanted))
        {
            groups[index] = wanted;
        }
    }

    private static void RemoveOurs(JsonArray groups, MeshCommandLine mesh)
    {
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            if (groups[i] is JsonObject group && IsOurs(group, mesh))
            {
                groups.RemoveAt(i);
            }
        }
    }

    /// <summary>A group of ours holds mesh hook commands and nothing else.</summary>
    private static bool IsOurs(JsonObject group, MeshCommandLine mesh) =>
        group["hooks"] is JsonArray { Count: > 0 } handlers
        && handlers.All(h => h is JsonObject handler && CommandOf(handler) is { } command
            && (MeshCommandLine.IsMeshHook(command) || HookRunner.Events.Any(e => command == mesh.Hook(e.Event))));

    private static bool IsOurStatusLine(JsonObject line, MeshCommandLine mesh) =>
        CommandOf(line) is { } command && (MeshCommandLine.IsMeshStatusline(command) || command == mesh.Statusline());

    private static JsonObject Group(string claudeEvent, string command)
    {
        var group = new JsonObject();
        if (claudeEvent == "Notification")
        {
            group["matcher"] = NotificationMatcher;
        }
        group["hooks"] = new JsonArray(new JsonObject { ["type"] = "command", ["command"] = command });
        return group;
    }

    /// <summary>Refreshed every 5 s as well, so a message arriving while the session sits idle shows up.</summary>
    private static JsonObject StatusLine(MeshCommandLine mesh) => new()
    {
        ["type"] = "command",
        ["command"] = mesh.Statusline(),
        ["padding"] = 0,
        ["refreshInterval"] = 5,
    };

    private static string? CommandOf(JsonObject node) => node["command"] is JsonValue value && value.TryGetValue<string>(out var command) ? command : null;
}
