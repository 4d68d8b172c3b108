using System.Globalization;
using AgentMesh.Protocol.Roles;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>Roles for people.</summary>
internal static class RoleView
{
    public static Table CreateTable(IReadOnlyList<RoleInfo> roles)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("ROLE", "AGENTS (PRIORITY ORDER)", "FALLBACK", "HELD", "CAPABILITIES");
        foreach (var role in roles)
        {
            table.AddRow(
                new Text(role.Name),
                new Markup(string.Join(", ", role.Agents.Select(MemberMarkup))),
                new Text(role.Fallback),
                new Text(role.Held.ToString(CultureInfo.InvariantCulture)),
                new Text(role.Capabilities.Count > 0 ? string.Join(", ", role.Capabilities) : "-"));
        }
        return table;
    }

    public static void WriteFull(IAnsiConsole console, RoleInfo role)
    {
        console.MarkupLine($"[bold]{Markup.Escape(role.Name)}[/] · fallback {Markup.Escape(role.Fallback)} · {role.Held} held");
        if (role.Capabilities.Count > 0)
        {
            console.WriteLine($"Capabilities: {string.Join(", ", role.Capabilities)}");
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("PRIORITY", "AGENT", "ID", "STATUS");
        foreach (var member in role.Agents)
        {
            table.AddRow(
                new Text(member.Priority.ToString(CultureInfo.InvariantCulture)),
                new Text(member.Name),
                new Text(member.Id),
                new Markup(AgentTable.StatusMarkup(member.Status ?? "offline")));
        }
        console.Write(table);
    }

    private static string MemberMarkup(RoleMember member) =>
        $"{Markup.Escape(member.Name)} ({AgentTable.StatusMarkup(member.Status ?? "offline")})";
}
