using System.Globalization;
using System.Text;

namespace AgentMesh.Setup.Toml;

/// <summary>Renders the few TOML forms setup writes: keys, basic strings and arrays of strings.</summary>
internal static class TomlWriter
{
    /// <summary>A bare key when TOML allows one, else a quoted key.</summary>
    public static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : String(key);

    public static string DottedKey(IEnumerable<string> path) => string.Join('.', path.Select(Key));

    /// <summary>A "basic string": quotes, backslashes and control characters escaped, everything else as is.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                _ when c < 0x20 || c == 0x7F => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    public static string StringArray(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";
}
