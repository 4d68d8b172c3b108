using AgentMesh.Setup;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary><c>mesh setup --list</c> as a table: client, scope, configured, agent, file.</summary>
internal static class SetupTable
{
    public static Table Create(SetupListing listing)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("CLIENT", "SCOPE", "MESH", "AGENT", "FILE");
        foreach (var entry in listing.Entries.Where(e => e.Supported))
        {
            var state = entry.Problem is not null ? "[red]unreadable[/]" : entry.Configured ? "[green]configured[/]" : "[grey]-[/]";
            table.AddRow(
                new Text(entry.Client),
                new Text(entry.Scope.ToString().ToLowerInvariant()),
                new Markup(state),
                new Text(entry.AgentName ?? "-"),
                new Text(entry.Problem ?? entry.ConfigPath ?? "-"));
        }
        return table;
    }
}
