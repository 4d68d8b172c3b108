using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentMesh.Client.Errors;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client.Tests.Errors;

public sealed class ProblemTranslatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Translate_ProblemWithCandidates_KeepsCodeDetailAndCandidates()
    {
        using var response = Problem(HttpStatusCode.Conflict, """
            {"type":"about:blank","title":"Ambiguous address","status":409,"code":"ambiguous_address",
             "detail":"'api' matches 2 agents: alice (a1), bob (b2). Use a name or an id.",
             "candidates":[{"id":"a1","name":"alice","cwd":"/x/api","status":"online"},{"id":"b2","name":"bob","cwd":"/y/api","status":"idle"}]}
            """);

        var error = await ProblemTranslator.ToExceptionAsync(response, Ct);

        Assert.Equal(MeshErrorCode.AmbiguousAddress, error.Code);
        Assert.Equal("'api' matches 2 agents: alice (a1), bob (b2). Use a name or an id.", error.Message);
        Assert.Equal(["alice", "bob"], error.Candidates?.Select(c => c.Name));
    }

    [Fact]
    public async Task Translate_RateLimitedWithRetryAfter_CarriesTheDelay()
    {
        using var response = Problem((HttpStatusCode)429, """{"code":"rate_limited","detail":"Too many requests for this token."}""");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        var error = await ProblemTranslator.ToExceptionAsync(response, Ct);

        Assert.Equal(MeshErrorCode.RateLimited, error.Code);
        Assert.Equal(3, error.RetryAfterSeconds);
    }

    [Fact]
    public async Task Translate_InternalErrorWithCorrelationId_NamesTheLogLine()
    {
        using var response = Problem(HttpStatusCode.InternalServerError, """{"code":"internal_error","detail":"Something went wrong.","correlation_id":"c0ffee"}""");

        var error = await ProblemTranslator.ToExceptionAsync(response, Ct);

        Assert.Equal(MeshErrorCode.InternalError, error.Code);
        Assert.Contains("c0ffee", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, MeshErrorCode.Unauthorized)]
    [InlineData(HttpStatusCode.BadGateway, MeshErrorCode.BrokerUnavailable)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, MeshErrorCode.BodyTooLarge)]
    public async Task Translate_NoProblemBody_CodeFollowsTheStatus(HttpStatusCode status, MeshErrorCode expected)
    {
        using var response = new HttpResponseMessage(status)
        {
            Content = new StringContent("<html>proxy error</html>", Encoding.UTF8, "text/html"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://localhost/v1/status"),
        };

        var error = await ProblemTranslator.ToExceptionAsync(response, Ct);

        Assert.Equal(expected, error.Code);
        Assert.Contains("/v1/status", error.Message);
    }

    [Fact]
    public async Task Translate_MalformedProblemJson_FallsBackToTheStatus()
    {
        using var response = Problem(HttpStatusCode.Forbidden, "{not json");

        var error = await ProblemTranslator.ToExceptionAsync(response, Ct);

        Assert.Equal(MeshErrorCode.Forbidden, error.Code);
    }

    private static HttpResponseMessage Problem(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/problem+json"),
    };
}
