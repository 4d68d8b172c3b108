namespace AgentMesh.Terminal.Tests.Agents;

/// <summary>
/// Control commands (kind=command) through a tmux agent, end to end with the real mesh executable and real tmux:
/// an allowed command is typed as its bare line; one whose permission was revoked after the send is dropped.
/// </summary>
public sealed class AgentCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delivery_AllowedCommand_IsTypedAsItsBareLineAndAcknowledged()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();
        await mesh.MeshOkAsync("policy", "allow-commands", "echo", "/compact,/clear");

        var sent = await mesh.MeshOkAsync("send", "echo", "/clear", "focus", "on", "tests", "--command", "--as", "bob", "--json");

        Assert.Equal(["GOT:/clear focus on tests"], await mesh.Echo.WaitForLinesAsync(1));
        var id = System.Text.Json.JsonDocument.Parse(sent.Stdout).RootElement.GetProperty("message").GetProperty("id").GetString()!;
        await mesh.WaitForStateAsync(id, "acknowledged");
    }

    [Fact]
    public async Task Delivery_CommandRevokedAfterTheSend_IsAcknowledgedButNeverTyped()
    {
        await using var mesh = await AgentHarness.StartAsync();
        await mesh.StartEchoAgentAsync();
        var pane = mesh.Files.Read("default", "echo")!.PaneId;
        await mesh.MeshOkAsync("policy", "allow-commands", "echo", "/compact");
        // Copy mode holds delivery, so the policy can change between the send and the typing.
        await mesh.Echo.Tmux.RunCheckedAsync([["copy-mode", "-t", pane]], "enter copy mode", Ct);
        var sent = await mesh.MeshOkAsync("send", "echo", "/compact", "--command", "--as", "bob", "--json");
        var id = System.Text.Json.JsonDocument.Parse(sent.Stdout).RootElement.GetProperty("message").GetProperty("id").GetString()!;
        Assert.Equal("queued", await mesh.DeliveryStateAsync(id));

        await mesh.MeshOkAsync("policy", "allow-commands", "echo", "--none");
        await mesh.Echo.Tmux.RunCheckedAsync([["send-keys", "-t", pane, "-X", "cancel"]], "leave copy mode", Ct);
        await mesh.WaitForStateAsync(id, "acknowledged");
        await mesh.SendAsync("echo", "after the revoked command");

        Assert.Equal(["GOT:[mesh from bob · reply: mesh send bob …] after the revoked command"], await mesh.Echo.WaitForLinesAsync(1));
        Assert.Single(mesh.Echo.Lines());
    }
}
