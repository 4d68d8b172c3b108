using System.Text;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Storage.Sqlite.Search;

/// <summary>
/// Turns what a person typed into an FTS5 MATCH expression. Text that uses FTS5 syntax (double quotes,
/// parentheses, or AND/OR/NOT/NEAR in capitals) is passed through, so power users get the full language
/// and a mistake in it is reported. Anything else is plain words: each word is quoted, so
/// <c>deploy-prod</c> or <c>api.v2</c> searches for those words instead of failing to parse; a trailing
/// <c>*</c> keeps its prefix meaning.
/// </summary>
internal static class FtsQuery
{
    private static readonly HashSet<string> _operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "NEAR" };

    public static string ToMatchExpression(string query)
    {
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The search query is empty: give one or more words to look for.");
        }
        if (IsExpression(query, words))
        {
            return query;
        }
        var expression = new StringBuilder();
        foreach (var word in words)
        {
            var prefix = word.Length > 1 && word[^1] == '*';
            expression.Append(expression.Length == 0 ? "" : " ")
                .Append('"').Append((prefix ? word[..^1] : word).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"')
                .Append(prefix ? "*" : "");
        }
        return expression.ToString();
    }

    public static MeshException Invalid(string query, Exception inner) => new(MeshErrorCode.InvalidRequest,
        $"The search '{query}' is not valid FTS5 syntax. Search plain words (deploy failed), a \"quoted phrase\", " +
        "a prefix (depl*), or combine terms with AND, OR, NOT in capitals and balanced parentheses.", inner);

    private static bool IsExpression(string query, string[] words) =>
        query.AsSpan().IndexOfAny("\"()") >= 0 || words.Any(_operators.Contains);
}
