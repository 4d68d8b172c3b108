using System.Net.Http.Json;
using System.Text;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Server.Errors;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class ErrorTests
{
    [Fact]
    public void ProblemTitle_EveryCodeHasItsOwn()
    {
        var codes = Enum.GetValues<MeshErrorCode>();

        var titles = codes.Select(ProblemWriter.Title).ToList();

        Assert.Equal(codes.Length, titles.Distinct().Count());
        Assert.Equal(MeshErrorCode.InternalError, Assert.Single(codes, c => ProblemWriter.Title(c) == "Internal error"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"to":"bob","body":"x",}""")]
    [InlineData("""{"to":"bob"}""")]
    [InlineData("""{"to":42,"body":"x"}""")]
    public async Task Send_MalformedJson_Is400InvalidJson(string json)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages", json);

        await AssertProblemAsync(response, 400, "invalid_json");
    }

    [Fact]
    public async Task Send_NoBody_Is400()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.Http.PostAsync("/v1/meshes/default/agents/alice/messages", null, Ct);

        var problem = await AssertProblemAsync(response, 400, "invalid_request");
        Assert.Contains("JSON body", problem.Detail);
    }

    [Fact]
    public async Task Send_MessageBodyOverLimit_Is413()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/alice/messages",
            new SendMessageRequest { To = "bob", Body = new string('x', 256 * 1024 + 1) }, MeshJsonContext.Default.SendMessageRequest, Ct);

        var problem = await AssertProblemAsync(response, 413, "body_too_large");
        Assert.Contains("262,144", problem.Detail);
    }

    [Fact]
    public async Task Send_RequestOverHttpLimit_Is413()
    {
        await using var broker = await TestBroker.StartAsync(o => o with { MaxRequestBodyBytes = 64 * 1024 });
        await broker.RegisterAsync("alice");

        var huge = new StringContent("{\"to\":\"bob\",\"body\":\"" + new string('x', 200_000) + "\"}", Encoding.UTF8, "application/json");
        var response = await broker.Http.PostAsync("/v1/meshes/default/agents/alice/messages", huge, Ct);

        await AssertProblemAsync(response, 413, "body_too_large");
    }

    [Fact]
    public async Task Send_ToUnknownAgent_Is404ListingLiveAgents()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages", """{"to":"zed","body":"hi"}""");

        var problem = await AssertProblemAsync(response, 404, "agent_not_found");
        Assert.Equal(["alice", "bob"], problem.Candidates?.Select(c => c.Name).Order());
        Assert.Contains("bob", problem.Detail);
    }

    [Fact]
    public async Task Send_AsUnknownAgent_Is404WithHowToRegister()
    {
        await using var broker = await TestBroker.StartAsync();

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/nobody/messages", """{"to":"x","body":"hi"}""");

        var problem = await AssertProblemAsync(response, 404, "agent_not_found");
        Assert.Contains("mesh register nobody", problem.Detail);
    }

    [Fact]
    public async Task Send_ToAmbiguousFolder_Is409ListingCandidates()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        var one = await broker.RegisterAsync("api-1", cwd: "/work/a/api");
        var two = await broker.RegisterAsync("api-2", cwd: "/work/b/api");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages", """{"to":"api","body":"hi"}""");

        var problem = await AssertProblemAsync(response, 409, "ambiguous_address");
        Assert.Equal(new[] { one.Id, two.Id }.Order(), problem.Candidates?.Select(c => c.Id).Order());
        Assert.Contains("/work/a/api", problem.Detail);
        Assert.Contains("/work/b/api", problem.Detail);
    }

    [Fact]
    public async Task Send_UnknownKind_Is400()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages", """{"to":"bob","body":"x","kind":"shout"}""");

        await AssertProblemAsync(response, 400, "invalid_request");
    }

    [Fact]
    public async Task Send_MetadataNotAnObject_Is400()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages", """{"to":"bob","body":"x","metadata":[1]}""");

        await AssertProblemAsync(response, 400, "invalid_request");
    }

    [Fact]
    public async Task Reply_ToUnknownMessage_Is404()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/messages", """{"to":"bob","body":"x","in_reply_to":"01NOPE"}""");

        await AssertProblemAsync(response, 404, "message_not_found");
    }

    [Fact]
    public async Task Search_MalformedQuery_IsAClearAnswerNotAServerError()
    {
        await using var broker = await TestBroker.StartAsync();

        var response = await broker.Http.GetAsync("/v1/meshes/default/search?q=" + Uri.EscapeDataString("\"unbalanced AND ("), Ct);

        Assert.True((int)response.StatusCode is 200 or 400, $"got {(int)response.StatusCode}");
        if ((int)response.StatusCode == 400)
        {
            await AssertProblemAsync(response, 400, "invalid_request");
        }
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        await using var broker = await TestBroker.StartAsync();

        await AssertProblemAsync(await broker.Http.GetAsync("/v1/nothing-here", Ct), 404, "not_found");
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        await using var broker = await TestBroker.StartAsync();

        await AssertProblemAsync(await broker.Http.DeleteAsync("/v1/meshes", Ct), 405, "method_not_allowed");
    }

    [Fact]
    public async Task Send_NotJsonContentType_Is415Problem()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.Http.PostAsync("/v1/meshes/default/agents/alice/messages",
            new StringContent("{\"to\":\"bob\",\"body\":\"x\"}", Encoding.UTF8, "text/plain"), Ct);

        var problem = await AssertProblemAsync(response, 415, "unsupported_media_type");
        Assert.Contains("application/json", problem.Detail);
    }

    [Fact]
    public async Task Query_Unparsable_Is400Problem()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");

        await AssertProblemAsync(await broker.Http.GetAsync("/v1/meshes/default/agents/bob/inbox?limit=lots", Ct), 400, "invalid_request");
    }
}
