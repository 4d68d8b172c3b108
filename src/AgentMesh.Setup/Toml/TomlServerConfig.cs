using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Toml;

/// <summary>
/// Codex's <c>config.toml</c>: the server is the table <c>[mcp_servers.mesh]</c> with <c>command</c>,
/// <c>args</c> and <c>env = { MESH_AGENT = "…" }</c>. Edits are textual and statement by statement, so other
/// tables, comments, blank lines and value spellings stay byte for byte. Within our table we own
/// <c>command</c>, <c>args</c> and the <c>MESH_AGENT</c> key of <c>env</c>; other keys a user added
/// (<c>startup_timeout_sec</c>, <c>enabled</c>, …) and other variables stay. A new table goes after the last
/// <c>[mcp_servers.*]</c> table, else at the end, after one blank line; removal takes that blank line too.
/// The mesh server written in any other form (dotted keys, an inline table, <c>[mcp_servers.mesh.env]</c>)
/// is refused with the line to fix rather than guessed at.
/// </summary>
internal sealed partial class TomlServerConfig : IServerConfigFormat
{
    private static readonly string[] _servers = ["mcp_servers"];
    private static readonly string[] _ours = ["mcp_servers", McpServerEntry.ServerName];
    private static readonly string[] _owned = ["command", "args", "env"];

    public IFileEditor Editor(string path, McpServerEntry entry) => new TomlServerEditor(path, entry);

    public ServerEntryState Inspect(string path, string text)
    {
        var document = Parse(path, text);
        var configured = document.Statements.Any(statement =>
            (statement.IsHeader && StartsWith(statement.Table, _ours))
            || (statement.Kind == TomlStatementKind.KeyValue && StartsWith(statement.FullPath, _ours))
            || InlineServersHoldOurs(statement));
        var header = FindOurTable(document);
        if (!configured || header < 0)
        {
            return new ServerEntryState(configured, null, null);
        }
        string? command = null;
        var arguments = new List<string>();
        string? agent = null;
        foreach (var statement in Section(document, header).Skip(1).Where(s => s.Kind == TomlStatementKind.KeyValue))
        {
            switch (statement.Key, statement.Value)
            {
                case (["command"], TomlString value):
                    command = value.Value;
                    break;
                case (["args"], TomlArray array):
                    arguments.AddRange(array.Items.Select(item => item is TomlString s ? s.Value : document.Text[item.Start..item.End]));
                    break;
                case (["env"], TomlInlineTable env):
                    agent = env.Entries.FirstOrDefault(e => e.Key is [McpServerEntry.AgentVariable])?.Value is TomlString name ? name.Value : null;
                    break;
            }
        }
        return new ServerEntryState(true, command is null ? null : [command, .. arguments], McpServerEntry.AgentNameOf(agent, arguments));
    }

    private static TomlDocument Parse(string path, string text)
    {
        try
        {
            return TomlParser.Parse(text);
        }
        catch (TomlSyntaxException ex)
        {
            throw SetupErrors.Unparsable(path, ex.Line, $"is not valid TOML ({ex.Message})");
        }
    }

    private static int FindOurTable(TomlDocument document)
    {
        for (var i = 0; i < document.Statements.Count; i++)
        {
            if (document.Statements[i] is { Kind: TomlStatementKind.Table } statement && statement.Table.SequenceEqual(_ours))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The header at <paramref name="header"/> and its statements up to its last key/value (trailing
    /// comments and blank lines belong to whatever comes next).</summary>
    private static int SectionEnd(TomlDocument document, int header)
    {
        var end = header;
        for (var i = header + 1; i < document.Statements.Count && !document.Statements[i].IsHeader; i++)
        {
            if (document.Statements[i].Kind == TomlStatementKind.KeyValue)
            {
                end = i;
            }
        }
        return end;
    }

    private static IEnumerable<TomlStatement> Section(TomlDocument document, int header) =>
        document.Statements.Skip(header).Take(SectionEnd(document, header) - header + 1);

    private static bool StartsWith(IReadOnlyList<string> path, IReadOnlyList<string> prefix) =>
        path.Count >= prefix.Count && path.Take(prefix.Count).SequenceEqual(prefix);

    private static bool InlineServersHoldOurs(TomlStatement statement) =>
        statement.Kind == TomlStatementKind.KeyValue
        && statement.FullPath.SequenceEqual(_servers)
        && statement.Value is TomlInlineTable servers
        && servers.Entries.Any(e => e.Key[0] == McpServerEntry.ServerName);
}
