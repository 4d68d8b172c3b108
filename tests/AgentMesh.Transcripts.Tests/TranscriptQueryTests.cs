using AgentMesh.Protocol.Errors;
using AgentMesh.Transcripts.Search;

namespace AgentMesh.Transcripts.Tests;

public sealed class TranscriptQueryTests
{
    [Theory]
    [InlineData("Deploy", "we will DEPLOY tonight", 8, 6)]
    [InlineData("/dep(loy|th)/", "in depth", 3, 5)]
    [InlineData("/DEPLOY/i", "we deploy", 3, 6)]
    [InlineData("/a/b", "x /a/b y", 2, 4)] // not a regex: text after the closing slash that is not a flag
    [InlineData("/", "a/b", 1, 1)]
    public void Match_TextOrRegex_FindsTheFirstMatch(string query, string input, int start, int length)
    {
        Assert.True(TranscriptQuery.Parse(query).TryMatch(input, out var at, out var size));
        Assert.Equal((start, length), (at, size));
    }

    [Fact]
    public void Regex_IsCaseSensitiveWithoutTheFlag()
    {
        Assert.False(TranscriptQuery.Parse("/DEPLOY/").TryMatch("we deploy", out _, out _));
    }

    [Fact]
    public void Regex_CatastrophicPattern_RunsInLinearTime()
    {
        // (a+)+$ on "aaaa…b" backtracks exponentially on a backtracking engine; here it just fails to match.
        var query = TranscriptQuery.Parse("/(a+)+$/");

        Assert.False(query.TryMatch(new string('a', 50_000) + "b", out _, out _));
    }

    [Theory]
    [InlineData("/(a)\\1/", "backreferences")]
    [InlineData("/(?<=a)b/", "lookarounds")]
    [InlineData("/[unclosed/", "is not valid")]
    [InlineData("   ", "empty")]
    public void Parse_BadQuery_InvalidRequestSayingWhy(string query, string reason)
    {
        var error = Assert.Throws<MeshException>(() => TranscriptQuery.Parse(query));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Parse_TooLong_Refused()
    {
        Assert.Throws<MeshException>(() => TranscriptQuery.Parse(new string('x', TranscriptQuery.MaxPatternLength + 1)));
    }
}
