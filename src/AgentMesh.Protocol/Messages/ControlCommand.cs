using System.Buffers;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Protocol.Messages;

/// <summary>
/// The body of a <see cref="MessageKind.Command"/> message: one line, <c>/name</c> and optional arguments
/// (<c>/compact</c>, <c>/clear focus on tests</c>). The name is <c>[a-z0-9_:-]</c> characters; the whole line is
/// at most <see cref="MaxLength"/> characters and holds no control character, so what is typed into a terminal
/// is exactly what was sent and can neither submit early nor carry escape sequences.
/// </summary>
public static class ControlCommand
{
    public const int MaxLength = 500;
    public const int MaxNameLength = 64;

    private static readonly SearchValues<char> _nameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_:");

    /// <summary>The command's name with its slash (<c>/compact</c>), or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static string? TryParse(string? body, out string? problem)
    {
        problem = Problem(body);
        if (problem is not null)
        {
            return null;
        }
        var end = body!.IndexOf(' ', StringComparison.Ordinal); // Problem checked it is not null
        return end < 0 ? body : body[..end];
    }

    /// <summary>The command's name (<c>/compact</c>); a malformed body is a <see cref="MeshErrorCode.InvalidCommand"/> error.</summary>
    public static string Parse(string? body) =>
        TryParse(body, out var problem) ?? throw new MeshException(MeshErrorCode.InvalidCommand, problem!);

    /// <summary>
    /// A policy entry as stored: <c>/name</c>. The slash may be left out (<c>compact</c>); surrounding blanks are
    /// ignored. Null when the entry is not a command name.
    /// </summary>
    public static string? NormalizeName(string? entry)
    {
        var name = entry?.Trim() ?? "";
        if (!name.StartsWith('/'))
        {
            name = "/" + name;
        }
        return IsName(name) ? name : null;
    }

    private static string? Problem(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return "A command message needs a body such as '/compact'.";
        }
        if (body.Length > MaxLength)
        {
            return $"A command is at most {MaxLength} characters; this one has {body.Length}.";
        }
        if (body.Any(char.IsControl))
        {
            return "A command is one line without control characters (no newline, tab, ESC or carriage return).";
        }
        if (!body.StartsWith('/'))
        {
            return $"A command starts with '/', as in '/compact'; '{Preview(body)}' does not. Send text as a task or note instead.";
        }
        var end = body.IndexOf(' ', StringComparison.Ordinal);
        var name = end < 0 ? body : body[..end];
        return IsName(name)
            ? null
            : $"'{Preview(name)}' is not a command name: after '/' come 1 to {MaxNameLength} characters of a-z, 0-9, '-', '_' or ':'.";
    }

    private static bool IsName(string name) =>
        name.Length is > 1 and <= MaxNameLength + 1 && name[0] == '/' && !name.AsSpan(1).ContainsAnyExcept(_nameChars);

    private static string Preview(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
