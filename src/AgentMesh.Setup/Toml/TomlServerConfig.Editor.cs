using System.Text;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Toml;

/// <summary>The editor: inserting, updating and removing our table statement by statement.</summary>
internal sealed partial class TomlServerConfig
{
    private sealed class TomlServerEditor(string path, McpServerEntry entry) : IFileEditor
    {
        public string Apply(string? text)
        {
            var document = Parse(path, text ?? "");
            RefuseForeignForms(document, applying: true);
            var header = FindOurTable(document);
            var result = header < 0 ? InsertTable(document) : UpdateTable(document, header);
            return text is not null && result == text ? text : result;
        }

        public string? Remove(string text)
        {
            var document = Parse(path, text);
            RefuseForeignForms(document, applying: false);
            var statements = document.Statements;
            var removed = new bool[statements.Count];
            var any = false;
            for (var header = 0; header < statements.Count; header++)
            {
                if (statements[header].Kind != TomlStatementKind.Table || !StartsWith(statements[header].Table, _ours))
                {
                    continue;
                }
                any = true;
                var end = SectionEnd(document, header);
                Array.Fill(removed, true, header, end - header + 1);
                // Take one separating blank line with the table: the one above it, or below it at the top of the file.
                if (header > 0 && statements[header - 1].Kind == TomlStatementKind.Blank && !removed[header - 1])
                {
                    removed[header - 1] = true;
                }
                else if (removed.Take(header).All(r => r) && end + 1 < statements.Count && statements[end + 1].Kind == TomlStatementKind.Blank)
                {
                    removed[end + 1] = true;
                }
            }
            if (!any)
            {
                return null;
            }
            var kept = new StringBuilder(text.Length);
            for (var i = 0; i < statements.Count; i++)
            {
                if (!removed[i])
                {
                    kept.Append(document.TextOf(statements[i]));
                }
            }
            return kept.ToString();
        }

        public bool IsEmpty(string text) => Parse(path, text).Statements.All(s => s.Kind == TomlStatementKind.Blank);

        private string InsertTable(TomlDocument document)
        {
            var statements = document.Statements;
            var anchor = -1;
            IReadOnlyList<string>? table = null;
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i].IsHeader)
                {
                    table = statements[i].Table;
                }
                if (table is not null && StartsWith(table, _servers) && statements[i].Kind is not (TomlStatementKind.Blank or TomlStatementKind.Comment))
                {
                    anchor = i;
                }
            }
            var text = document.Text;
            var position = anchor >= 0 ? statements[anchor].End : text.Length;
            var newLine = document.NewLine;
            var prefix = new StringBuilder();
            if (position > 0 && text[position - 1] != '\n')
            {
                prefix.Append(newLine);
            }
            var previous = statements.LastOrDefault(s => s.End <= position && s.End > s.Start);
            if (position > 0 && previous is not { Kind: TomlStatementKind.Blank })
            {
                prefix.Append(newLine);
            }
            var lines = new StringBuilder($"[{TomlWriter.DottedKey(_ours)}]{newLine}");
            AppendOwnedLines(lines, document, existingEnv: null);
            return text[..position] + prefix + lines + text[position..];
        }

        private string UpdateTable(TomlDocument document, int header)
        {
            var statements = document.Statements;
            var end = SectionEnd(document, header);
            var owned = Enumerable.Range(header + 1, end - header)
                .Where(i => statements[i].Kind == TomlStatementKind.KeyValue && _owned.Contains(statements[i].Key[0]))
                .ToList();
            var existingEnv = owned.Select(i => statements[i]).FirstOrDefault(s => s.Key is ["env"])?.Value as TomlInlineTable;
            var lines = new StringBuilder();
            AppendOwnedLines(lines, document, existingEnv);
            // Our lines go where the first of them was, else right under the header.
            var result = new StringBuilder(document.Text.Length + lines.Length);
            for (var i = 0; i < statements.Count; i++)
            {
                if (owned.Count > 0 && i == owned[0])
                {
                    result.Append(lines);
                }
                if (!owned.Contains(i))
                {
                    result.Append(document.TextOf(statements[i]));
                }
                if (owned.Count == 0 && i == header)
                {
                    if (!document.TextOf(statements[i]).EndsWith('\n'))
                    {
                        result.Append(document.NewLine);
                    }
                    result.Append(lines);
                }
            }
            return result.ToString();
        }

        /// <summary><c>command</c>, <c>args</c> and, when there is something to put in it, <c>env</c>, which keeps
        /// the other variables of an existing inline <c>env</c> exactly as written.</summary>
        private void AppendOwnedLines(StringBuilder lines, TomlDocument document, TomlInlineTable? existingEnv)
        {
            var newLine = document.NewLine;
            lines.Append($"command = {TomlWriter.String(entry.Command)}{newLine}");
            lines.Append($"args = {TomlWriter.StringArray(entry.Arguments)}{newLine}");
            var ours = entry.AgentName is { } name ? $"{McpServerEntry.AgentVariable} = {TomlWriter.String(name)}" : null;
            var variables = new List<string>();
            foreach (var variable in existingEnv?.Entries ?? [])
            {
                if (variable.Key is [McpServerEntry.AgentVariable])
                {
                    if (ours is not null)
                    {
                        variables.Add(ours);
                        ours = null;
                    }
                    continue;
                }
                variables.Add(document.Text[variable.KeyStart..variable.Value.End]);
            }
            if (ours is not null)
            {
                variables.Add(ours);
            }
            if (variables.Count > 0)
            {
                lines.Append($"env = {{ {string.Join(", ", variables)} }}{newLine}");
            }
        }

        private void RefuseForeignForms(TomlDocument document, bool applying)
        {
            foreach (var statement in document.Statements)
            {
                if (statement.Kind == TomlStatementKind.ArrayTable && (statement.Table.SequenceEqual(_servers) || StartsWith(statement.Table, _ours)))
                {
                    throw Refuse(statement, $"[[{TomlWriter.DottedKey(statement.Table)}]] makes it an array of tables, which Codex does not read as MCP servers; fix it by hand");
                }
                if (statement.Kind == TomlStatementKind.KeyValue && StartsWith(statement.FullPath, _ours) && !StartsWith(statement.Table, _ours))
                {
                    throw Refuse(statement, "the mesh server is written with dotted keys or as an inline table; mesh setup edits only a [mcp_servers.mesh] table, so rewrite it as one or delete it");
                }
                if (InlineServersHoldOurs(statement))
                {
                    throw Refuse(statement, "the mesh server sits inside an inline mcp_servers table; move it to a [mcp_servers.mesh] table or delete it");
                }
                if (!applying)
                {
                    continue;
                }
                if (statement.Kind == TomlStatementKind.KeyValue && statement.FullPath.SequenceEqual(_servers))
                {
                    throw Refuse(statement, "mcp_servers is an inline table, which cannot take another server; write each server as a [mcp_servers.NAME] table");
                }
                if (statement.Kind == TomlStatementKind.Table && StartsWith(statement.Table, [.. _ours, "env"]))
                {
                    throw Refuse(statement, "env is a table of its own; mesh setup writes env = { … } inside [mcp_servers.mesh], so move the variables there or delete the table");
                }
                if (statement.Kind == TomlStatementKind.KeyValue && statement.Table.SequenceEqual(_ours) && _owned.Contains(statement.Key[0])
                    && (statement.Key.Count > 1 || (statement.Key is ["env"] && statement.Value is not TomlInlineTable)))
                {
                    throw Refuse(statement, $"'{TomlWriter.DottedKey(statement.Key)}' is not written the way mesh setup writes it (command = \"…\", args = […], env = {{ … }}); delete the line");
                }
            }
        }

        private Protocol.Errors.MeshException Refuse(TomlStatement statement, string detail) =>
            SetupErrors.Unsupported(path, statement.Line, detail + ", then run mesh setup again");
    }
}
