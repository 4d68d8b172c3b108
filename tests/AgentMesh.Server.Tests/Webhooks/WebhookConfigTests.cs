using System.Net;
using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;
using static AgentMesh.Server.Tests.Webhooks.WebhookHarness;

namespace AgentMesh.Server.Tests.Webhooks;

/// <summary>Saving, listing, removing and testing webhooks over REST, and every refusal on the way.</summary>
public sealed class WebhookConfigTests
{
    [Fact]
    public async Task Save_New_RegistersAWebhookAgentThatStaysOnlineAndIsListed()
    {
        await using var broker = await StartBrokerAsync();

        var saved = await broker.SaveWebhookAsync("hooky", "http://127.0.0.1:9/hook", WebhookFormat.Slack);
        var agent = await broker.Http.GetAsync("/v1/meshes/default/agents/hooky", MeshJsonContext.Default.AgentInfo);
        var list = await broker.Http.GetAsync("/v1/meshes/default/webhooks", MeshJsonContext.Default.WebhookList);

        Assert.True(saved.Created);
        Assert.Null(saved.GeneratedSecret);
        Assert.Equal((AgentKind.Webhook, AgentStatus.Online), (agent.Kind, agent.Status));
        var listed = Assert.Single(list.Webhooks);
        Assert.Equal(("hooky", agent.Id, "http://127.0.0.1:9/hook", WebhookFormat.Slack, "set", true),
            (listed.Agent, listed.AgentId, listed.Url, listed.Format, listed.Secret, listed.AllowPrivate));
    }

    [Fact]
    public async Task Save_WithoutSecret_GeneratesOneReturnedOnceAndKeptOnUpdate()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var broker = await StartBrokerAsync();
        await broker.RegisterAsync("alice");

        var first = await broker.SaveWebhookAsync("hooky", receiver.At("/old"), secret: null);
        var second = await broker.SaveWebhookAsync("hooky", receiver.At("/new"), secret: null);
        using var events = broker.Follow();
        var id = (await broker.SendAsync("alice", "hooky", "hi")).Message.Id;
        await events.NextAsync(MeshEventType.DeliveryAcknowledged, id);

        Assert.StartsWith("mesh_whsec_", first.GeneratedSecret);
        Assert.True(first.GeneratedSecret!.Length >= 40);
        Assert.False(second.Created);
        Assert.Null(second.GeneratedSecret);
        Assert.Equal(first.Webhook.AgentId, second.Webhook.AgentId);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/new", request.Path);
        Assert.True(SignatureVerifies(request, first.GeneratedSecret));
    }

    [Theory]
    [InlineData("ftp://example.com/x", null, null, null, "absolute http:// or https:// URL")]
    [InlineData("not a url", null, null, null, "absolute http:// or https:// URL")]
    [InlineData("https://user:pw@example.com/x", null, null, null, "user name or password")]
    [InlineData("http://127.0.0.1:9/", "telegram", null, null, "Unknown webhook format 'telegram'")]
    [InlineData("http://127.0.0.1:9/", "custom", null, null, "needs a template")]
    [InlineData("http://127.0.0.1:9/", "custom", "{{from}} {{secret}}", null, "{{secret}}")]
    [InlineData("http://127.0.0.1:9/", "custom", """{"text": {{body}}}""", null, "not valid JSON once filled in")]
    [InlineData("http://127.0.0.1:9/", "slack", "{{body}}", null, "only applies to --format custom")]
    [InlineData("http://127.0.0.1:9/", "raw", null, "short", "16 to 1024 characters")]
    [InlineData("http://127.0.0.1:9/", "raw", null, "has a space in it, long enough", "spaces or control characters")]
    public async Task Save_InvalidSettings_AreRefusedWithWhatToDo(string url, string? format, string? template, string? secret, string expected)
    {
        await using var broker = await StartBrokerAsync();

        var response = await broker.PutWebhookAsync("hooky", new SaveWebhookRequest
        {
            Url = url,
            Format = format,
            Template = template,
            Secret = secret,
            AllowPrivate = true,
        });

        var problem = await AssertProblemAsync(response, 400, "invalid_request");
        Assert.Contains(expected, problem.Detail);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, problem.Detail);
        }
    }

    [Fact]
    public async Task Save_NameOfANonWebhookAgent_IsAConflict()
    {
        await using var broker = await StartBrokerAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.PutWebhookAsync("alice", new SaveWebhookRequest { Url = "http://127.0.0.1:9/", AllowPrivate = true });

        var problem = await AssertProblemAsync(response, 409, "conflict");
        Assert.Contains("name of its own", problem.Detail);
    }

    [Fact]
    public async Task RegisterOrUnregister_AWebhookAgent_IsAConflictPointingAtTheWebhookCommands()
    {
        await using var broker = await StartBrokerAsync();
        await broker.SaveWebhookAsync("hooky", "http://127.0.0.1:9/");

        var register = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents", new RegisterAgentRequest { Name = "hooky" }, MeshJsonContext.Default.RegisterAgentRequest, Ct);
        var unregister = await broker.Http.DeleteAsync("/v1/meshes/default/agents/hooky", Ct);

        Assert.Contains("mesh webhook add", (await AssertProblemAsync(register, 409, "conflict")).Detail);
        Assert.Contains("mesh webhook remove", (await AssertProblemAsync(unregister, 409, "conflict")).Detail);
    }

    [Fact]
    public async Task Remove_ThenSendThenAddAgain_KeepsTheQueueAndDeliversIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var broker = await StartBrokerAsync();
        await broker.RegisterAsync("alice");
        var saved = await broker.SaveWebhookAsync("hooky", receiver.At());

        var removed = await broker.Http.DeleteAsync("/v1/meshes/default/webhooks/hooky", Ct);
        var agent = await broker.Http.GetAsync("/v1/meshes/default/agents/hooky", MeshJsonContext.Default.AgentInfo);
        var gone = await broker.Http.GetAsync("/v1/meshes/default/webhooks/hooky", Ct);
        var sent = await broker.SendAsync("alice", "hooky", "while away");
        using var events = broker.Follow();
        await broker.SaveWebhookAsync("hooky", receiver.At());
        await events.NextAsync(MeshEventType.DeliveryAcknowledged, sent.Message.Id);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal((saved.Webhook.AgentId, AgentStatus.Offline), (agent.Id, agent.Status));
        Assert.Contains("mesh webhook add hooky", (await AssertProblemAsync(gone, 404, "webhook_not_found")).Detail);
        Assert.Equal(DeliveryState.Queued, Assert.Single(sent.Deliveries).State);
        Assert.Equal("while away", System.Text.Json.JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Remove_Unknown_IsWebhookNotFoundListingTheWebhooks()
    {
        await using var broker = await StartBrokerAsync();
        await broker.SaveWebhookAsync("hooky", "http://127.0.0.1:9/");

        var response = await broker.Http.DeleteAsync("/v1/meshes/default/webhooks/nope", Ct);

        Assert.Contains("Webhooks: hooky", (await AssertProblemAsync(response, 404, "webhook_not_found")).Detail);
    }

    [Fact]
    public async Task Test_ReceiverAnswers_ReportsStatusAndSignsTheTestMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? ReceiverAnswer.Ok : new ReceiverAnswer(500));
        await using var broker = await StartBrokerAsync();
        await broker.SaveWebhookAsync("hooky", receiver.At());

        var ok = await (await broker.Http.PostAsync("/v1/meshes/default/webhooks/hooky/test", null, Ct)).Content.ReadFromJsonAsync(MeshJsonContext.Default.WebhookTestResult, Ct);
        var failed = await (await broker.Http.PostAsync("/v1/meshes/default/webhooks/hooky/test", null, Ct)).Content.ReadFromJsonAsync(MeshJsonContext.Default.WebhookTestResult, Ct);

        Assert.Equal((true, 200, (string?)null), (ok!.Ok, ok.Status, ok.Error));
        Assert.True(ok.LatencyMs >= 0);
        Assert.Equal((false, 500, "HTTP 500"), (failed!.Ok, failed.Status, failed.Error));
        var request = receiver.Requests[0];
        Assert.True(SignatureVerifies(request, Secret));
        Assert.Contains("webhook test", System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Test_NothingListening_ReportsWhyWithoutAStatus()
    {
        await using var broker = await StartBrokerAsync();
        await broker.SaveWebhookAsync("hooky", "http://127.0.0.1:9/hook");

        var result = await (await broker.Http.PostAsync("/v1/meshes/default/webhooks/hooky/test", null, Ct)).Content.ReadFromJsonAsync(MeshJsonContext.Default.WebhookTestResult, Ct);

        Assert.False(result!.Ok);
        Assert.Null(result.Status);
        Assert.Contains("cannot connect", result.Error);
    }
}
