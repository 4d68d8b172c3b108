using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>--json</c>: stdout is exactly one JSON document of the wire type; nothing human leaks into it.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public async Task Json_EveryDataCommand_StdoutIsTheWireShape()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var register = await cli.RunAsync("register", "alice", "--json");
        await cli.RunAsync("register", "bob", "--json");
        var send = await cli.RunAsync("send", "bob", "ship it", "--as", "alice", "--json");
        var inbox = await cli.RunAsync("inbox", "--as", "bob", "--json");
        var wait = await cli.RunAsync("wait", "--as", "bob", "--json");
        var id = Parse(send, MeshJsonContext.Default.SendMessageResponse).Message.Id;
        var ack = await cli.RunAsync("ack", id, "--as", "bob", "--json");
        var agents = await cli.RunAsync("agents", "--json");
        var history = await cli.RunAsync("history", "--json");
        var search = await cli.RunAsync("search", "ship", "--json");
        var status = await cli.RunAsync("status", "--json");

        Assert.Equal("alice", Parse(register, MeshJsonContext.Default.AgentInfo).Name);
        Assert.Equal(DeliveryState.Queued, Assert.Single(Parse(send, MeshJsonContext.Default.SendMessageResponse).Deliveries).State);
        Assert.Equal(DeliveryState.Queued, Assert.Single(Parse(inbox, MeshJsonContext.Default.InboxResponse).Messages).State);
        Assert.Equal(id, Assert.Single(Parse(wait, MeshJsonContext.Default.InboxResponse).Messages).Message.Id);
        Assert.Equal([id], Parse(ack, MeshJsonContext.Default.AckResponse).Acknowledged);
        Assert.Equal(["alice", "bob"], Parse(agents, MeshJsonContext.Default.AgentList).Agents.Select(a => a.Name).Order());
        Assert.Equal(id, Assert.Single(Parse(history, MeshJsonContext.Default.MessageList).Messages).Id);
        Assert.Equal(id, Assert.Single(Parse(search, MeshJsonContext.Default.MessageList).Messages).Id);
        Assert.Equal(broker.Home.SocketPath, Parse(status, MeshJsonContext.Default.BrokerStatus).Socket);
    }

    [Fact]
    public async Task Json_WireNames_AreSnakeCase()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var register = await cli.RunAsync("register", "alice", "--json");

        using var document = JsonDocument.Parse(register.Stdout);
        Assert.True(document.RootElement.TryGetProperty("last_seen", out _));
        Assert.True(document.RootElement.TryGetProperty("registered_at", out _));
    }

    private static T Parse<T>(CliResult result, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        Assert.Equal(0, result.ExitCode);
        return JsonSerializer.Deserialize(result.Stdout, type) ?? throw new InvalidOperationException("null JSON");
    }
}
