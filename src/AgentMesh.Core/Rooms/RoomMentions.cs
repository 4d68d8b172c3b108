using System.Text.RegularExpressions;

namespace AgentMesh.Core.Rooms;

/// <summary>
/// Who a post calls on: <c>@name</c> or <c>@id</c> (not inside an e-mail address, and a trailing full stop is
/// punctuation, not part of the name), and subscribed keywords as whole words, case-insensitively.
/// </summary>
public static class RoomMentions
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static bool Mentions(string body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(name);
        var pattern = $@"(?<![A-Za-z0-9._%+-])@{Regex.Escape(name)}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])";
        return Regex.IsMatch(body, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
    }

    public static bool MatchesKeyword(string body, string keyword)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(keyword);
        if (string.IsNullOrWhiteSpace(keyword))
        {
            return false;
        }
        var pattern = $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(keyword.Trim())}(?![\p{{L}}\p{{N}}_])";
        return Regex.IsMatch(body, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
    }
}
