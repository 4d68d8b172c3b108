namespace AgentMesh.Setup.Toml;

/// <summary>
/// Which tables and keys a TOML document has defined so far, to reject what TOML forbids and every client's
/// parser would reject too: a <c>[table]</c> or key defined twice, a key and a table at the same path, a
/// <c>[table]</c> reopening an array of tables. Tables inside an array of tables are told apart by index
/// (<c>a[0].b</c>, <c>a[1].b</c>). Implicit tables created by dotted keys are not tracked: the reader accepts a
/// few such redefinitions that a strict parser would refuse, which is harmless because setup never edits them.
/// </summary>
internal sealed class TomlDefinitions
{
    private readonly Dictionary<string, int> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _arrays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private string _current = "";

    public void DefineTable(IReadOnlyList<string> path, int line)
    {
        var id = Resolve(path);
        if (_arrays.ContainsKey(id))
        {
            throw new TomlSyntaxException(line, $"[{Show(path)}] is already an array of tables ([[{Show(path)}]])");
        }
        if (_tables.TryGetValue(id, out var first))
        {
            throw new TomlSyntaxException(line, $"the table [{Show(path)}] is defined twice (first at line {first})");
        }
        if (_keys.TryGetValue(id, out var key))
        {
            throw new TomlSyntaxException(line, $"[{Show(path)}] is already a key (line {key})");
        }
        _tables[id] = line;
        _current = id;
    }

    public void DefineArrayTable(IReadOnlyList<string> path, int line)
    {
        var id = Resolve(path);
        if (_tables.TryGetValue(id, out var table))
        {
            throw new TomlSyntaxException(line, $"[[{Show(path)}]] is already a table (line {table})");
        }
        if (_keys.TryGetValue(id, out var key))
        {
            throw new TomlSyntaxException(line, $"[[{Show(path)}]] is already a key (line {key})");
        }
        var count = _arrays.GetValueOrDefault(id) + 1;
        _arrays[id] = count;
        _current = $"{id}[{count - 1}]";
    }

    public void DefineKey(IReadOnlyList<string> table, IReadOnlyList<string> key, int line)
    {
        var id = _current;
        foreach (var part in key)
        {
            id += "." + Quote(part);
        }
        if (_keys.TryGetValue(id, out var first))
        {
            throw new TomlSyntaxException(line, $"the key '{Show([.. table, .. key])}' is defined twice (first at line {first})");
        }
        if (_tables.TryGetValue(id, out var header) || _arrays.TryGetValue(id, out header))
        {
            throw new TomlSyntaxException(line, $"the key '{Show([.. table, .. key])}' is already a table (line {header})");
        }
        _keys[id] = line;
    }

    /// <summary>The path's identity, with each array-of-tables prefix pinned to its latest element.</summary>
    private string Resolve(IReadOnlyList<string> path)
    {
        var id = "";
        for (var i = 0; i < path.Count; i++)
        {
            id += "." + Quote(path[i]);
            if (i < path.Count - 1 && _arrays.TryGetValue(id, out var count))
            {
                id += $"[{count - 1}]";
            }
        }
        return id;
    }

    // Quoting keeps "a.b" (one key with a dot) apart from a.b (two keys).
    private static string Quote(string part) => "\"" + part.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Show(IReadOnlyList<string> path) => string.Join('.', path.Select(TomlWriter.Key));
}
