namespace AgentMesh.Setup.Toml;

/// <summary>A parsed TOML value with its span in the source (<see cref="Start"/> inclusive, <see cref="End"/> exclusive).</summary>
internal abstract record TomlValue(int Start, int End);

/// <summary>Any of the four string forms, unescaped.</summary>
internal sealed record TomlString(string Value, int Start, int End) : TomlValue(Start, End);

/// <summary>An integer, float, boolean or date-time, kept as written: setup never needs their values.</summary>
internal sealed record TomlScalar(string Raw, int Start, int End) : TomlValue(Start, End);

internal sealed record TomlArray(IReadOnlyList<TomlValue> Items, int Start, int End) : TomlValue(Start, End);

internal sealed record TomlInlineTable(IReadOnlyList<TomlInlineEntry> Entries, int Start, int End) : TomlValue(Start, End);

/// <summary>One <c>key = value</c> of an inline table; <see cref="KeyStart"/> lets an edit copy it verbatim.</summary>
internal sealed record TomlInlineEntry(IReadOnlyList<string> Key, int KeyStart, TomlValue Value);
