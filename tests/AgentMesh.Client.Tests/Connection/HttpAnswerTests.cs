using System.Net;
using System.Text;
using AgentMesh.Client.Connection;

namespace AgentMesh.Client.Tests.Connection;

/// <summary>Reading whole HTTP/1.1 answers: plain, Content-Length and chunked bodies, headers, and what is not HTTP.</summary>
public sealed class HttpAnswerTests
{
    private static readonly HttpRequestMessage _request = new(HttpMethod.Get, "http://localhost/v1/x");

    [Fact]
    public async Task Parse_Chunked_JoinsTheChunksAndKeepsTheHeaders()
    {
        var answer = "HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nRetry-After: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\n{\"a\":\r\n8;ext=1\r\n\"ünï\"}\r\n0\r\n\r\n"; // sizes count UTF-8 bytes

        using var response = HttpAnswer.Parse(Encoding.UTF8.GetBytes(answer), _request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", response.ReasonPhrase);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("{\"a\":\"ünï\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokAND MORE", "ok")]
    [InlineData("HTTP/1.0 200 OK\r\n\r\nto the end", "to the end")]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n", "")]
    public async Task Parse_PlainBodies(string answer, string body)
    {
        using var response = HttpAnswer.Parse(Encoding.UTF8.GetBytes(answer), _request);

        Assert.Equal(body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/plain")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")]
    public void Parse_NotAWholeHttpAnswer_InvalidResponse(string answer)
    {
        var error = Assert.Throws<HttpRequestException>(() => HttpAnswer.Parse(Encoding.UTF8.GetBytes(answer), _request));

        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
    }
}
