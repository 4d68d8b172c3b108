using System.Text.RegularExpressions;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Transcripts.Search;

/// <summary>
/// What to look for: plain text (case-insensitive), or <c>/regex/</c> (with an optional <c>i</c> flag after
/// the closing slash). Regular expressions run on .NET's non-backtracking engine, whose time is linear in
/// the input, so no pattern can hang the reader (ReDoS); a match timeout backs that up.
/// </summary>
public sealed class TranscriptQuery
{
    public const int MaxPatternLength = 1000;

    private static readonly TimeSpan _matchTimeout = TimeSpan.FromSeconds(2);

    private readonly Regex? _regex;

    private TranscriptQuery(string text, Regex? regex)
    {
        Text = text;
        _regex = regex;
    }

    /// <summary>The query as given.</summary>
    public string Text { get; }

    public bool IsRegex => _regex is not null;

    public static TranscriptQuery Parse(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The search text is empty: give words to find, or /a regex/.");
        }
        if (query.Length > MaxPatternLength)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The search text is {query.Length} characters long; at most {MaxPatternLength} are allowed.");
        }
        var closing = query.LastIndexOf('/');
        if (query.Length < 3 || query[0] != '/' || closing < 2 || query[(closing + 1)..] is not ("" or "i"))
        {
            return new TranscriptQuery(query, null);
        }
        var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant
            | (query.EndsWith('i') ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new TranscriptQuery(query, new Regex(query[1..closing], options, _matchTimeout));
        }
        catch (NotSupportedException)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"The regex {query} uses backreferences, lookarounds or atomic groups, which are not supported (they can take exponential time); rewrite it without them.");
        }
        catch (ArgumentException e)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The regex {query} is not valid: {e.Message}");
        }
    }

    /// <summary>The first match in <paramref name="input"/>, if any.</summary>
    public bool TryMatch(string input, out int start, out int length)
    {
        if (_regex is null)
        {
            start = input.IndexOf(Text, StringComparison.OrdinalIgnoreCase);
            length = start < 0 ? 0 : Text.Length;
            return start >= 0;
        }
        try
        {
            var match = _regex.Match(input);
            (start, length) = match.Success ? (match.Index, match.Length) : (-1, 0);
            return match.Success && match.Length > 0;
        }
        catch (RegexMatchTimeoutException)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The regex {Text} took too long on this transcript; make it more specific.");
        }
    }
}
