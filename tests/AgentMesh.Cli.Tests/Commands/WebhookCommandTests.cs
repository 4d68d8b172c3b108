using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh webhook add | list | remove | test</c> against a real broker and a real receiver.</summary>
public sealed class WebhookCommandTests
{
    private const string Secret = "cli-secret-0123456789abcdef";

    [Fact]
    public async Task Add_SecretFromStdin_SignsWithItAndNeverPrintsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");

        var add = await cli.RunAsync(["webhook", "add", "hooky", receiver.At(), "--allow-private", "--secret-stdin"], stdin: Secret + "\n");
        using var events = broker.Host.Broker.Hub.Subscribe("default", null);
        var send = await cli.RunAsync("send", "hooky", "ship it", "--as", "alice", "--json");
        var id = JsonSerializer.Deserialize(send.Stdout, MeshJsonContext.Default.SendMessageResponse)!.Message.Id;
        await NextAsync(events, MeshEventType.DeliveryAcknowledged, id);

        Assert.Equal(ExitCodes.Ok, add.ExitCode);
        Assert.Contains("Added webhook hooky", add.Stdout);
        Assert.DoesNotContain(Secret, add.Stdout + add.Stderr);
        Assert.DoesNotContain("Signing secret", add.Stdout);
        Assert.True(Verifies(Assert.Single(receiver.Requests), Secret));
    }

    [Fact]
    public async Task Add_SecretFromEnvironment_IsUsedAndTestReportsTheStatus()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        cli.Variables["MESH_WEBHOOK_SECRET"] = Secret;

        var add = await cli.RunAsync("webhook", "add", "hooky", receiver.At(), "--allow-private");
        var test = await cli.RunAsync("webhook", "test", "hooky");

        Assert.Equal(ExitCodes.Ok, add.ExitCode);
        Assert.Equal(ExitCodes.Ok, test.ExitCode);
        Assert.Matches(@"ok hooky answered HTTP 200 in \d+\.\d ms\.", test.Stdout);
        Assert.True(Verifies(Assert.Single(receiver.Requests), Secret));
    }

    [Fact]
    public async Task Add_NoSecret_PrintsTheGeneratedOneOnceAndListShowsOnlyThatItIsSet()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var add = await cli.RunAsync("webhook", "add", "hooky", "http://127.0.0.1:9/hook", "--format", "slack", "--allow-private");
        var update = await cli.RunAsync("webhook", "add", "hooky", "http://127.0.0.1:9/other", "--allow-private");
        var list = await cli.RunAsync("webhook", "list");
        var json = await cli.RunAsync("webhook", "list", "--json");

        var secret = Assert.Single(add.StdoutLines, l => l.StartsWith("Signing secret", StringComparison.Ordinal)).Split(": ")[^1];
        Assert.StartsWith("mesh_whsec_", secret);
        Assert.Contains("Updated webhook hooky", update.Stdout);
        Assert.DoesNotContain("Signing secret", update.Stdout);
        Assert.Contains("hooky (id ", list.Stdout);
        Assert.Contains("http://127.0.0.1:9/other", list.Stdout);
        Assert.Contains("secret: set", list.Stdout);
        Assert.Contains("private targets: allowed", list.Stdout);
        var listed = Assert.Single(JsonSerializer.Deserialize(json.Stdout, MeshJsonContext.Default.WebhookList)!.Webhooks);
        Assert.Equal(("hooky", "set", WebhookFormat.Raw), (listed.Agent, listed.Secret, listed.Format));
        Assert.All([update, list, json], r => Assert.DoesNotContain(secret, r.Stdout + r.Stderr));
    }

    [Fact]
    public async Task Add_SecretOnTheCommandLine_WorksButWarnsThatPsShowsIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var add = await cli.RunAsync("webhook", "add", "hooky", "http://127.0.0.1:9/", "--allow-private", "--secret", Secret, "--json");

        Assert.Equal(ExitCodes.Ok, add.ExitCode);
        Assert.Contains("warning: a secret on the command line is visible to other users in 'ps'", add.Stderr);
        var saved = JsonSerializer.Deserialize(add.Stdout, MeshJsonContext.Default.WebhookSaved)!;
        Assert.Null(saved.GeneratedSecret);
        Assert.DoesNotContain(Secret, add.Stdout);
    }

    [Fact]
    public async Task Add_PrivateTargetWithoutTheFlag_OneLineSayingHowToAllowIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var add = await cli.RunAsync("webhook", "add", "hooky", "http://169.254.169.254/latest");

        Assert.Equal(ExitCodes.Error, add.ExitCode);
        var line = Assert.Single(add.StderrLines);
        Assert.StartsWith("error: The webhook host '169.254.169.254' is a private", line);
        Assert.Contains("--allow-private", line);
    }

    [Theory]
    [InlineData("webhook", "add", "hooky")]
    [InlineData("webhook", "add", "hooky", "http://x/", "--format")]
    [InlineData("webhook", "frob")]
    public async Task Parse_BadWebhookCommandLine_PointsAtTheSubcommandsHelp(params string[] args)
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path);

        var result = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(args[1] == "add" ? "'mesh webhook add --help'" : "'mesh webhook --help'", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Add_BothSecretSources_IsAUsageError()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var add = await cli.RunAsync(["webhook", "add", "hooky", "http://127.0.0.1:9/", "--allow-private", "--secret-stdin", "--secret", Secret], stdin: Secret);

        Assert.Equal(ExitCodes.Usage, add.ExitCode);
        Assert.Contains("not both", Assert.Single(add.StderrLines));
    }

    [Fact]
    public async Task TestAndRemove_NothingListening_Exit1ThenRemovedAndGone()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("webhook", "add", "hooky", "http://127.0.0.1:9/", "--allow-private");

        var test = await cli.RunAsync("webhook", "test", "hooky");
        var remove = await cli.RunAsync("webhook", "remove", "hooky");
        var again = await cli.RunAsync("webhook", "remove", "hooky");
        var list = await cli.RunAsync("webhook", "list");

        Assert.Equal(ExitCodes.Error, test.ExitCode);
        Assert.Contains("cannot connect", Assert.Single(test.StderrLines));
        Assert.Equal(ExitCodes.Ok, remove.ExitCode);
        Assert.Contains("Removed webhook hooky", remove.Stdout);
        Assert.Equal(ExitCodes.Error, again.ExitCode);
        Assert.Contains("No webhook 'hooky'", Assert.Single(again.StderrLines));
        Assert.Contains("No webhooks in this mesh", list.Stdout);
    }

    [Fact]
    public async Task Help_WebhookAdd_SaysWhereSecretsShouldComeFrom()
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path);

        var help = await cli.RunAsync("webhook", "add", "--help");

        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Contains("--secret-stdin", help.Stdout);
        Assert.Contains("MESH_WEBHOOK_SECRET", help.Stdout);
        Assert.Contains("--allow-private", help.Stdout);
        Assert.Contains("Examples:", help.Stdout);
    }

    private static bool Verifies(ReceivedRequest request, string secret)
    {
        var timestamp = request.Header("X-Mesh-Timestamp");
        byte[] signed = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. request.Body];
        return request.Header("X-Mesh-Signature") == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private static async Task NextAsync(Core.Events.EventHub.Subscription events, string type, string messageId)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var e in events.Reader.ReadAllAsync(bound.Token))
        {
            if (e.Type == type && e.Delivery?.MessageId == messageId)
            {
                return;
            }
        }
    }
}
