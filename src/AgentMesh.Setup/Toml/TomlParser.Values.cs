using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentMesh.Setup.Toml;

/// <summary>Values: the four string forms, arrays, inline tables, and the bare scalars.</summary>
internal sealed partial class TomlParser
{
    [GeneratedRegex(@"^[+-]?(0|[1-9](_?[0-9])*)$|^0x[0-9A-Fa-f](_?[0-9A-Fa-f])*$|^0o[0-7](_?[0-7])*$|^0b[01](_?[01])*$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?(0|[1-9](_?[0-9])*)((\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?|[eE][+-]?[0-9](_?[0-9])*)$|^[+-]?(inf|nan)$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")]
    private static partial Regex DateTimePattern();

    private TomlValue ParseValue()
    {
        if (AtEnd || AtLineBreak)
        {
            throw Error("expected a value");
        }
        return Current switch
        {
            '"' when LooksAt("\"\"\"") => ParseMultiLineString(basic: true),
            '"' => ParseBasicString(),
            '\'' when LooksAt("'''") => ParseMultiLineString(basic: false),
            '\'' => ParseLiteralString(),
            '[' => ParseArray(),
            '{' => ParseInlineTable(),
            _ => ParseScalar(),
        };
    }

    private TomlString ParseBasicString()
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd || AtLineBreak || Current == '\r')
            {
                throw Error("a \"string\" is not closed on its line");
            }
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return new TomlString(value.ToString(), start, _pos);
            }
            if (c == '\\')
            {
                ParseEscape(value);
                continue;
            }
            RefuseControl(c, "string");
            value.Append(c);
            _pos++;
        }
    }

    private TomlString ParseLiteralString()
    {
        var start = _pos++;
        var end = _text.IndexOf('\'', _pos);
        var lineEnd = _text.IndexOfAny(['\n', '\r'], _pos);
        if (end < 0 || (lineEnd >= 0 && lineEnd < end))
        {
            throw Error("a 'literal string' is not closed on its line");
        }
        var value = _text[_pos..end];
        foreach (var c in value)
        {
            RefuseControl(c, "string");
        }
        _pos = end + 1;
        return new TomlString(value, start, _pos);
    }

    /// <summary><c>"""…"""</c> (escapes, line-ending backslash) or <c>'''…'''</c> (verbatim).</summary>
    private TomlString ParseMultiLineString(bool basic)
    {
        var start = _pos;
        var quote = basic ? '"' : '\'';
        _pos += 3;
        if (AtLineBreak)
        {
            EndOfLine(); // a line break right after the opening quotes is not part of the value
        }
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error($"a multi-line string opened at line {LineOf(start)} is never closed");
            }
            var c = _text[_pos];
            if (c == quote && LooksAt(new string(quote, 3)))
            {
                var run = 0;
                while (PeekAt(run) == quote)
                {
                    run++;
                }
                if (run > 5)
                {
                    throw Error("too many quotes closing a multi-line string");
                }
                value.Append(quote, run - 3); // up to two quotes may end the content
                _pos += run;
                return new TomlString(value.ToString(), start, _pos);
            }
            if (AtLineBreak || c == '\r')
            {
                var breakStart = _pos;
                EndOfLine();
                value.Append(_text, breakStart, _pos - breakStart);
                continue;
            }
            if (basic && c == '\\')
            {
                if (IsLineEndingBackslash())
                {
                    _pos++;
                    SkipSpaces();
                    SkipBlankLines();
                    continue;
                }
                ParseEscape(value);
                continue;
            }
            RefuseControl(c, "string");
            value.Append(c);
            _pos++;
        }
    }

    /// <summary>A backslash followed only by spaces up to the line break trims the break and the next line's indent.</summary>
    private bool IsLineEndingBackslash()
    {
        var i = _pos + 1;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }
        return i < _text.Length && (_text[i] == '\n' || (_text[i] == '\r' && i + 1 < _text.Length && _text[i + 1] == '\n'));
    }

    private void SkipBlankLines()
    {
        while (AtLineBreak || Current is ' ' or '\t')
        {
            if (AtLineBreak)
            {
                EndOfLine();
            }
            else
            {
                _pos++;
            }
        }
    }

    private void ParseEscape(StringBuilder value)
    {
        var code = PeekAt(1);
        _pos += 2;
        switch (code)
        {
            case 'b': value.Append('\b'); return;
            case 't': value.Append('\t'); return;
            case 'n': value.Append('\n'); return;
            case 'f': value.Append('\f'); return;
            case 'r': value.Append('\r'); return;
            case 'e': value.Append('\u001B'); return;
            case '"': value.Append('"'); return;
            case '\\': value.Append('\\'); return;
            case 'x': AppendScalar(value, 2); return;
            case 'u': AppendScalar(value, 4); return;
            case 'U': AppendScalar(value, 8); return;
            default:
                throw Error(code is '\0' or '\n' or '\r' ? "a backslash ends the string" : $"'\\{code}' is not a TOML escape");
        }
    }

    private void AppendScalar(StringBuilder value, int digits)
    {
        var hex = _pos + digits <= _text.Length ? _text.Substring(_pos, digits) : "";
        if (hex.Length != digits || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var scalar)
            || !Rune.IsValid(scalar))
        {
            throw Error($"a \\{(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U')} escape needs {digits} hex digits naming a Unicode scalar value");
        }
        value.Append(new Rune(scalar).ToString());
        _pos += digits;
    }

    private TomlArray ParseArray()
    {
        var start = _pos++;
        var items = new List<TomlValue>();
        while (true)
        {
            SkipBlankSpace();
            if (AtEnd)
            {
                throw Error($"the array opened at line {LineOf(start)} is never closed");
            }
            if (Current == ']')
            {
                _pos++;
                return new TomlArray(items, start, _pos);
            }
            items.Add(ParseValue());
            SkipBlankSpace();
            if (Current == ',')
            {
                _pos++;
            }
            else if (Current != ']')
            {
                throw Error(AtEnd ? $"the array opened at line {LineOf(start)} is never closed" : $"expected ',' or ']' in the array, found '{Current}'");
            }
        }
    }

    private TomlInlineTable ParseInlineTable()
    {
        var start = _pos++;
        var entries = new List<TomlInlineEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            SkipBlankSpace();
            if (AtEnd)
            {
                throw Error($"the inline table opened at line {LineOf(start)} is never closed");
            }
            if (Current == '}')
            {
                _pos++;
                return new TomlInlineTable(entries, start, _pos);
            }
            var keyStart = _pos;
            var key = ParseKey();
            SkipSpaces();
            if (Current != '=')
            {
                throw Error($"expected '=' after the key '{string.Join('.', key)}' in the inline table");
            }
            _pos++;
            SkipSpaces();
            var value = ParseValue();
            if (!keys.Add(string.Join('\0', key)))
            {
                throw Error($"the key '{string.Join('.', key)}' appears twice in the inline table");
            }
            entries.Add(new TomlInlineEntry(key, keyStart, value));
            SkipBlankSpace();
            if (Current == ',')
            {
                _pos++;
            }
            else if (Current != '}')
            {
                throw Error(AtEnd ? $"the inline table opened at line {LineOf(start)} is never closed" : $"expected ',' or '}}' in the inline table, found '{Current}'");
            }
        }
    }

    /// <summary>Booleans, numbers and date-times: a run of the characters they use, then checked as a whole.</summary>
    private TomlScalar ParseScalar()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '+' or '-' or '.' or ':'))
        {
            _pos++;
            // A date and a time may be separated by one space: 1979-05-27 07:32:00Z.
            if (Current == ' ' && _pos - start == 10 && char.IsAsciiDigit(PeekAt(1)) && char.IsAsciiDigit(PeekAt(2)) && PeekAt(3) == ':')
            {
                _pos++;
            }
        }
        var raw = _text[start.._pos];
        if (raw.Length == 0)
        {
            throw Error($"'{Current}' cannot start a value");
        }
        if (raw is "true" or "false" || IntegerPattern().IsMatch(raw) || FloatPattern().IsMatch(raw) || DateTimePattern().IsMatch(raw))
        {
            return new TomlScalar(raw, start, _pos);
        }
        throw Error($"'{raw}' is not a TOML value (strings need quotes)");
    }

    private void RefuseControl(char c, string where)
    {
        if (IsForbiddenControl(c))
        {
            throw Error($"control character U+{(int)c:X4} in a {where}; write it as an escape");
        }
    }

    private int LineOf(int position) => _text.AsSpan(0, position).Count('\n') + 1;
}
