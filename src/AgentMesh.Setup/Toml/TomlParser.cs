namespace AgentMesh.Setup.Toml;

/// <summary>
/// A careful reader for TOML 1.0 (plus the 1.1 relaxations Codex's parser accepts: newlines and trailing
/// commas in inline tables, <c>\e</c> and <c>\xHH</c> escapes, times without seconds). It exists so setup can
/// refuse a file it does not fully understand and edit the rest statement by statement; it keeps values only
/// as far as setup reads them. Tables and keys defined twice are rejected, as every TOML parser does.
/// </summary>
internal sealed partial class TomlParser
{
    private readonly string _text;
    private readonly List<TomlStatement> _statements = [];
    private readonly TomlDefinitions _definitions = new();
    private IReadOnlyList<string> _table = [];
    private int _pos;
    private int _line = 1;

    private TomlParser(string text) => _text = text;

    /// <exception cref="TomlSyntaxException">The text is not TOML we accept.</exception>
    public static TomlDocument Parse(string text)
    {
        var parser = new TomlParser(text);
        while (!parser.AtEnd)
        {
            parser.ParseStatement();
        }
        return new TomlDocument(text, parser._statements, text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
    }

    private bool AtEnd => _pos >= _text.Length;
    private char Current => _pos < _text.Length ? _text[_pos] : '\0';
    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';
    private bool AtLineBreak => Current == '\n' || (Current == '\r' && PeekAt(1) == '\n');
    private bool LooksAt(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private TomlSyntaxException Error(string message) => new(_line, message);

    private void ParseStatement()
    {
        var start = _pos;
        var line = _line;
        SkipSpaces();
        TomlStatement statement;
        if (AtEnd || AtLineBreak || Current is '#' or '\r')
        {
            var kind = Current == '#' ? TomlStatementKind.Comment : TomlStatementKind.Blank;
            SkipComment();
            EndOfLine();
            statement = new TomlStatement { Kind = kind, Start = start, End = _pos, Line = line };
        }
        else if (Current == '[')
        {
            statement = ParseHeader(start, line);
        }
        else
        {
            statement = ParseKeyValue(start, line);
        }
        _statements.Add(statement);
    }

    private TomlStatement ParseHeader(int start, int line)
    {
        var isArray = PeekAt(1) == '[';
        _pos += isArray ? 2 : 1;
        SkipSpaces();
        var path = ParseKey();
        SkipSpaces();
        if (!LooksAt(isArray ? "]]" : "]"))
        {
            throw Error(isArray ? "expected ']]' to close the array-of-tables header" : "expected ']' to close the table header");
        }
        _pos += isArray ? 2 : 1;
        AfterValue();
        if (isArray)
        {
            _definitions.DefineArrayTable(path, line);
        }
        else
        {
            _definitions.DefineTable(path, line);
        }
        _table = path;
        return new TomlStatement
        {
            Kind = isArray ? TomlStatementKind.ArrayTable : TomlStatementKind.Table,
            Start = start,
            End = _pos,
            Line = line,
            Table = path,
        };
    }

    private TomlStatement ParseKeyValue(int start, int line)
    {
        var key = ParseKey();
        SkipSpaces();
        if (Current != '=')
        {
            throw Error($"expected '=' after the key '{string.Join('.', key)}'");
        }
        _pos++;
        SkipSpaces();
        var value = ParseValue();
        AfterValue();
        _definitions.DefineKey(_table, key, line);
        return new TomlStatement { Kind = TomlStatementKind.KeyValue, Start = start, End = _pos, Line = line, Table = _table, Key = key, Value = value };
    }

    /// <summary>After a header or value only spaces and a comment may follow on the line.</summary>
    private void AfterValue()
    {
        SkipSpaces();
        if (!AtEnd && !AtLineBreak && Current is not ('#' or '\r'))
        {
            throw Error($"unexpected '{Current}' after the value; each key = value and [table] needs a line of its own");
        }
        SkipComment();
        EndOfLine();
    }

    /// <summary>A key: bare, "quoted" or 'literal', possibly dotted (<c>a . "b" . c</c>).</summary>
    private List<string> ParseKey()
    {
        var parts = new List<string>();
        while (true)
        {
            SkipSpaces();
            parts.Add(Current switch
            {
                '"' when !LooksAt("\"\"\"") => ParseBasicString().Value,
                '\'' when !LooksAt("'''") => ParseLiteralString().Value,
                _ => ParseBareKey(),
            });
            SkipSpaces();
            if (Current != '.')
            {
                return parts;
            }
            _pos++;
        }
    }

    private string ParseBareKey()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '-'))
        {
            _pos++;
        }
        if (_pos == start)
        {
            throw Error(AtEnd || AtLineBreak ? "expected a key" : $"'{Current}' cannot start a key (quote keys that are not letters, digits, '_' or '-')");
        }
        return _text[start.._pos];
    }

    private void SkipSpaces()
    {
        while (Current is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipComment()
    {
        if (Current != '#')
        {
            return;
        }
        while (!AtEnd && !AtLineBreak)
        {
            if (IsForbiddenControl(Current))
            {
                throw Error($"control character U+{(int)Current:X4} in a comment");
            }
            _pos++;
        }
    }

    /// <summary>Consumes a line break (LF or CRLF) or accepts the end of the text.</summary>
    private void EndOfLine()
    {
        if (AtEnd)
        {
            return;
        }
        if (Current == '\r' && PeekAt(1) == '\n')
        {
            _pos += 2;
        }
        else if (Current == '\n')
        {
            _pos++;
        }
        else
        {
            throw Error(Current == '\r' ? "a carriage return must be followed by a line feed" : $"unexpected '{Current}'");
        }
        _line++;
    }

    /// <summary>Inside arrays and inline tables: spaces, line breaks and comments.</summary>
    private void SkipBlankSpace()
    {
        while (true)
        {
            SkipSpaces();
            if (Current == '#')
            {
                SkipComment();
            }
            if (AtLineBreak || Current == '\r')
            {
                EndOfLine();
                continue;
            }
            return;
        }
    }

    /// <summary>Control characters TOML forbids in comments and strings (tab is allowed).</summary>
    private static bool IsForbiddenControl(char c) => (c < 0x20 && c != '\t') || c == 0x7F;
}
