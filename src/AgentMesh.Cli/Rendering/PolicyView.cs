using AgentMesh.Protocol.Policies;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>One agent's policy for people: what may be typed into its terminal, and how to change it.</summary>
internal static class PolicyView
{
    public static void Write(IAnsiConsole console, AgentPolicy policy)
    {
        var who = $"[bold]{Markup.Escape(policy.Agent)}[/] ({Markup.Escape(policy.AgentId)})";
        if (policy.AllowedCommands.Count == 0)
        {
            console.MarkupLine($"{who} accepts no control commands (the default).");
            console.MarkupLine($"[grey]Allow some with: mesh policy allow-commands {Markup.Escape(policy.Agent)} /compact,/clear[/]");
            return;
        }
        console.MarkupLine($"{who} accepts these control commands: {Markup.Escape(string.Join(", ", policy.AllowedCommands))}");
        console.MarkupLine($"[grey]Send one with: mesh send {Markup.Escape(policy.Agent)} {Markup.Escape(policy.AllowedCommands[0])} --command[/]");
    }
}
