using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Server.Webhooks;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;
using static AgentMesh.Server.Tests.Webhooks.WebhookHarness;

namespace AgentMesh.Server.Tests.Webhooks;

/// <summary>Private, loopback and link-local targets: refused when saved, and again when connecting.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.1/hook")]
    public async Task Save_PrivateTargetWithoutAllowPrivate_IsRefusedWithTheWayOut(string url)
    {
        await using var broker = await StartBrokerAsync();

        var response = await broker.PutWebhookAsync("hooky", new SaveWebhookRequest { Url = url, Secret = Secret });

        var problem = await AssertProblemAsync(response, 403, "webhook_target_private");
        Assert.Contains("--allow-private", problem.Detail);
        var list = await broker.Http.GetAsync("/v1/meshes/default/webhooks", Protocol.MeshJsonContext.Default.WebhookList);
        Assert.Empty(list.Webhooks);
    }

    [Fact]
    public async Task Save_PrivateTargetWithAllowPrivate_IsAccepted()
    {
        await using var broker = await StartBrokerAsync();

        var response = await broker.PutWebhookAsync("hooky", new SaveWebhookRequest { Url = "http://127.0.0.1:9/hook", AllowPrivate = true });

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Connect_NameThatNowResolvesToLoopback_IsRefusedBeforeAnyByteIsSent()
    {
        // A webhook saved while its name resolved publicly; at connect time it resolves to 127.0.0.1 (rebinding).
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(new WebhookOptions(), TimeProvider.System);
        var config = new WebhookConfig
        {
            AgentId = "hook0001",
            Url = $"http://localhost:{receiver.Url.Port}/hook",
            Format = WebhookFormat.Raw,
            Secret = Secret,
            AllowPrivate = false,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var message = new MessageEnvelope
        {
            Id = "01TEST0000000000000000000A",
            Mesh = "default",
            From = "a",
            FromName = "alice",
            To = "hooky",
            Kind = MessageKind.Task,
            Body = "hi",
            ThreadId = "01TEST0000000000000000000A",
            CreatedAt = DateTimeOffset.UtcNow,
        };

        var refused = await sender.SendAsync(config, "hooky", message, 1, Ct);
        var allowed = await sender.SendAsync(config with { AllowPrivate = true }, "hooky", message, 1, Ct);

        Assert.False(refused.Ok);
        Assert.Null(refused.Status);
        Assert.Contains("private", refused.Error);
        Assert.True(allowed.Ok);
        Assert.Single(receiver.Requests); // only the allowed one arrived
    }

    [Fact]
    public async Task Redirect_IsNotFollowedAndCountsAsAFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => new ReceiverAnswer(302));
        await using var broker = await StartBrokerAsync(maxAttempts: 1);
        await broker.RegisterAsync("alice");
        await broker.SaveWebhookAsync("hooky", receiver.At());
        using var events = broker.Follow();

        var id = (await broker.SendAsync("alice", "hooky", "go")).Message.Id;
        await events.NextAsync(Protocol.Events.MeshEventType.DeliveryDead, id);

        Assert.Single(receiver.Requests);
    }
}
