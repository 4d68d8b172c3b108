using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;
using static AgentMesh.Server.Tests.Webhooks.WebhookHarness;

namespace AgentMesh.Server.Tests.Webhooks;

/// <summary>Where a webhook secret may and may not appear.</summary>
public sealed class WebhookSecretTests
{
    [Fact]
    public async Task Secret_AcrossAWholeLifecycle_NeverAppearsInLogsListingsOrErrors()
    {
        var log = new CapturedLog();
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? new ReceiverAnswer(500) : ReceiverAnswer.Ok);
        await using var broker = await StartBrokerAsync(log: log);
        await broker.RegisterAsync("alice");
        const string secret = "never-print-me-0123456789";
        var seen = new List<string>();

        await broker.SaveWebhookAsync("hooky", receiver.At(), secret: secret);
        var generated = (await broker.SaveWebhookAsync("other", receiver.At(), secret: null)).GeneratedSecret!;
        using var events = broker.Follow();
        var id = (await broker.SendAsync("alice", "hooky", "hello")).Message.Id;
        await events.NextAsync(MeshEventType.DeliveryAcknowledged, id);
        seen.Add(await broker.Http.GetStringAsync("/v1/meshes/default/webhooks", Ct));
        seen.Add(await broker.Http.GetStringAsync("/v1/meshes/default/webhooks/hooky", Ct));
        seen.Add(await broker.Http.GetStringAsync("/v1/meshes/default/agents?all=true", Ct));
        seen.Add(await broker.Http.GetStringAsync($"/v1/meshes/default/messages/{id}", Ct));
        seen.Add(await broker.Http.GetStringAsync("/v1/meshes/default/events", Ct));
        seen.Add(await (await broker.Http.PostAsync("/v1/meshes/default/webhooks/hooky/test", null, Ct)).Content.ReadAsStringAsync(Ct));
        seen.Add(await (await broker.PutWebhookAsync("hooky", new SaveWebhookRequest { Url = "http://127.0.0.1:9/", Format = "custom", Secret = secret, AllowPrivate = true })).Content.ReadAsStringAsync(Ct));
        seen.Add(await (await broker.PutWebhookAsync("alice", new SaveWebhookRequest { Url = "http://127.0.0.1:9/", Secret = secret, AllowPrivate = true })).Content.ReadAsStringAsync(Ct));
        seen.Add(await (await broker.Http.DeleteAsync("/v1/meshes/default/webhooks/hooky", Ct)).Content.ReadAsStringAsync(Ct));
        await broker.RestartAsync(); // start-up logging of the store and the dispatcher

        Assert.Contains(log.Lines, l => l.Contains("failed message", StringComparison.Ordinal)); // the capture works: the failed attempt was logged
        Assert.All(seen, text => Assert.DoesNotContain(secret, text));
        Assert.All(seen, text => Assert.DoesNotContain(generated, text));
        Assert.All(log.Lines, line => Assert.DoesNotContain(secret, line));
        Assert.All(log.Lines, line => Assert.DoesNotContain(generated, line));
        Assert.Contains("\"secret\": \"set\"".Replace(" ", ""), seen[0].Replace(" ", ""));
    }

    [Fact]
    public async Task Secret_IsStoredOnlyInOwnerOnlyFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        await using var broker = await StartBrokerAsync();
        await broker.SaveWebhookAsync("hooky", "http://127.0.0.1:9/");

        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var file in (string[])[broker.Home.DatabasePath, broker.Home.DatabasePath + "-wal", broker.Home.DatabasePath + "-shm"])
        {
            Assert.True(File.Exists(file), $"{file} is missing");
            Assert.Equal(ownerOnly, File.GetUnixFileMode(file));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(broker.Home.Root));
        var info = await broker.Http.GetAsync("/v1/meshes/default/webhooks/hooky", MeshJsonContext.Default.WebhookInfo);
        Assert.Equal(WebhookInfo.SecretSet, info.Secret);
    }
}
