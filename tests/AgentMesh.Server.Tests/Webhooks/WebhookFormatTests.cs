using System.Text.Json;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Webhooks.WebhookHarness;

namespace AgentMesh.Server.Tests.Webhooks;

/// <summary>The body each format POSTs, for a body with quotes, a newline, markup characters and a mass mention.</summary>
public sealed class WebhookFormatTests
{
    private const string Body = "ship \"v2\" <now> & ping @everyone\nsecond line";

    private static async Task<ReceivedRequest> DeliverOneAsync(string format, string? template = null)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var broker = await StartBrokerAsync();
        await broker.RegisterAsync("alice");
        await broker.SaveWebhookAsync("hooky", receiver.At(), format, template);
        using var events = broker.Follow();
        var id = (await broker.SendAsync("alice", "hooky", Body)).Message.Id;
        await events.NextAsync(MeshEventType.DeliveryAcknowledged, id);
        var request = Assert.Single(receiver.Requests);
        Assert.True(SignatureVerifies(request, Secret));
        Assert.Equal(id, request.Header("Idempotency-Key"));
        return request;
    }

    [Fact]
    public async Task Raw_IsTheMessageEnvelope()
    {
        var request = await DeliverOneAsync(WebhookFormat.Raw);

        using var json = JsonDocument.Parse(request.Body);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal(Body, json.RootElement.GetProperty("body").GetString());
        Assert.Equal("alice", json.RootElement.GetProperty("from_name").GetString());
        Assert.Equal("hooky", json.RootElement.GetProperty("to").GetString());
        Assert.Equal(request.Header("Idempotency-Key"), json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Slack_IsTextWithSlackControlCharactersEscaped()
    {
        var request = await DeliverOneAsync(WebhookFormat.Slack);

        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["text"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("*alice* → hooky (task): ship \"v2\" &lt;now&gt; &amp; ping @everyone\nsecond line", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Discord_IsContentWithMentionsDisabled()
    {
        var request = await DeliverOneAsync(WebhookFormat.Discord);

        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal($"**alice** → hooky (task): {Body}", json.RootElement.GetProperty("content").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task OpenClaw_IsAWakeEventWithTheSecretAsBearerToken()
    {
        var request = await DeliverOneAsync(WebhookFormat.OpenClaw);

        using var json = JsonDocument.Parse(request.Body);
        var id = request.Header("Idempotency-Key");
        Assert.Equal($"[mesh] Message from alice (task, id {id}): {Body}", json.RootElement.GetProperty("text").GetString());
        Assert.Equal("now", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal($"Bearer {Secret}", request.Header("Authorization"));
    }

    [Fact]
    public async Task Custom_JsonTemplate_FillsJsonEscapedValues()
    {
        var request = await DeliverOneAsync(WebhookFormat.Custom, """{"who":"{{from}}","to":"{{to}}","msg":"{{body}}","ref":"{{id}}","k":"{{ kind }}"}""");

        using var json = JsonDocument.Parse(request.Body);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal("alice", json.RootElement.GetProperty("who").GetString());
        Assert.Equal("hooky", json.RootElement.GetProperty("to").GetString());
        Assert.Equal(Body, json.RootElement.GetProperty("msg").GetString());
        Assert.Equal(request.Header("Idempotency-Key"), json.RootElement.GetProperty("ref").GetString());
        Assert.Equal("task", json.RootElement.GetProperty("k").GetString());
    }

    [Fact]
    public async Task Custom_TextTemplate_FillsValuesAsTheyAre()
    {
        var request = await DeliverOneAsync(WebhookFormat.Custom, "{{from}} says: {{body}}");

        Assert.StartsWith("text/plain", request.ContentType);
        Assert.Equal($"alice says: {Body}", request.Text);
    }
}
