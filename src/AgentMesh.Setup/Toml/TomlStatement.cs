namespace AgentMesh.Setup.Toml;

internal enum TomlStatementKind
{
    Blank,
    Comment,
    Table,
    ArrayTable,
    KeyValue,
}

/// <summary>
/// One logical line of a TOML file (several physical lines for a multi-line array or string), including its
/// line break. The statements of a document tile its text exactly, so an edit removes or inserts whole
/// statements and leaves every other byte alone.
/// </summary>
internal sealed record TomlStatement
{
    public required TomlStatementKind Kind { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }

    /// <summary>1-based line where the statement starts.</summary>
    public required int Line { get; init; }

    /// <summary>For a header, the table it opens; for a key/value, the table it is in (empty at the top level).</summary>
    public IReadOnlyList<string> Table { get; init; } = [];

    /// <summary>For a key/value, its (dotted) key.</summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    public TomlValue? Value { get; init; }

    public bool IsHeader => Kind is TomlStatementKind.Table or TomlStatementKind.ArrayTable;

    /// <summary>Where the statement's value lands: the table path plus the key.</summary>
    public IReadOnlyList<string> FullPath => [.. Table, .. Key];
}

/// <summary>A parsed TOML file: its text, its statements in order, and the line break it uses.</summary>
internal sealed record TomlDocument(string Text, IReadOnlyList<TomlStatement> Statements, string NewLine)
{
    public string TextOf(TomlStatement statement) => Text[statement.Start..statement.End];
}
