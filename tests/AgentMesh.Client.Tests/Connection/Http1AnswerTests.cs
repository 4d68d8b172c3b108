using System.Text;
using AgentMesh.Client.Connection;

namespace AgentMesh.Client.Tests.Connection;

/// <summary>Reading whole HTTP/1.1 answers: plain, Content-Length and chunked bodies, headers, and what is not HTTP.</summary>
public sealed class Http1AnswerTests
{
    [Fact]
    public void Parse_Chunked_JoinsTheChunksAndKeepsTheHeaders()
    {
        var answer = "HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nretry-after: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\n{\"a\":\r\n8;ext=1\r\n\"ünï\"}\r\n0\r\n\r\n"; // sizes count UTF-8 bytes

        var parsed = Http1Answer.Parse(Encoding.UTF8.GetBytes(answer));

        Assert.Equal(404, parsed.Status);
        Assert.False(parsed.IsSuccess);
        Assert.Equal("Not Found", parsed.Reason);
        Assert.Equal("application/problem+json", parsed.Header("content-type"));
        Assert.Equal("3", parsed.Header("Retry-After"));
        Assert.Null(parsed.Header("Transfer-Encoding")); // the wire's business, not the caller's
        Assert.Equal("{\"a\":\"ünï\"}", Encoding.UTF8.GetString(parsed.Body));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokAND MORE", "ok")]
    [InlineData("HTTP/1.0 200 OK\r\n\r\nto the end", "to the end")]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n", "")]
    public void Parse_PlainBodies(string answer, string body)
    {
        var parsed = Http1Answer.Parse(Encoding.UTF8.GetBytes(answer));

        Assert.True(parsed.IsSuccess);
        Assert.Equal(body, Encoding.UTF8.GetString(parsed.Body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/plain")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\nshort")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")]
    public void Parse_NotAWholeHttpAnswer_Unreadable(string answer)
    {
        var error = Assert.Throws<Http1Exception>(() => Http1Answer.Parse(Encoding.UTF8.GetBytes(answer)));

        Assert.Equal(Http1Failure.Unreadable, error.Failure);
        Assert.StartsWith("The broker's answer cannot be read: ", error.Message);
    }
}
