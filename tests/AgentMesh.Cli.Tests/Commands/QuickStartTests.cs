using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary>The README's quick start and the everyday commands, in-process against a real broker.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task QuickStart_RegisterSendWaitAck_TheTaskGoesRoundTrip()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var alice = await cli.RunAsync("register", "alice");
        var bob = await cli.RunAsync("register", "bob");
        var send = await cli.RunAsync("send", "bob", "Review", "PR", "12", "--as", "alice", "--json");
        var id = JsonSerializer.Deserialize(send.Stdout, MeshJsonContext.Default.SendMessageResponse)!.Message.Id;
        var wait = await cli.RunAsync("wait", "--as", "bob", "--timeout", "10s");
        var ack = await cli.RunAsync("ack", id, "--as", "bob");
        var inbox = await cli.RunAsync("inbox", "--as", "bob");

        Assert.Equal(0, alice.ExitCode);
        Assert.StartsWith("Registered alice (id ", alice.Stdout);
        Assert.Equal(0, bob.ExitCode);
        Assert.Equal(0, send.ExitCode);
        Assert.Equal(0, wait.ExitCode);
        Assert.Contains($"{id} from alice · task", wait.Stdout);
        Assert.Contains("Review PR 12", wait.Stdout);
        Assert.Contains($"mesh ack {id} --as bob", wait.Stdout);
        Assert.Equal(0, ack.ExitCode);
        Assert.Equal($"Acknowledged {id}.", ack.Stdout.Trim());
        Assert.Equal("Nothing waiting for bob.", inbox.Stdout.Trim());
    }

    [Fact]
    public async Task Send_HumanOutput_NamesTheMessageAndEachRecipientsState()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        await cli.RunAsync("register", "carol");

        var result = await cli.RunAsync("send", "*", "standup in 5", "--as", "alice", "--note");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Sent note \w+ from alice\.", result.Stdout);
        Assert.Matches(@"bob \(\w{8}\): queued", result.Stdout);
        Assert.Matches(@"carol \(\w{8}\): queued", result.Stdout);
    }

    [Fact]
    public async Task Send_DashAsMessage_ReadsTheBodyFromStdin()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");

        var send = await cli.RunAsync(["send", "bob", "-", "--as", "alice"], stdin: "line one\nline two [not markup]\n");
        var inbox = await cli.RunAsync("inbox", "--as", "bob", "--json");

        Assert.Equal(0, send.ExitCode);
        var item = Assert.Single(JsonSerializer.Deserialize(inbox.Stdout, MeshJsonContext.Default.InboxResponse)!.Messages);
        Assert.Equal("line one\nline two [not markup]\n", item.Message.Body);
    }

    [Fact]
    public async Task Inbox_BodyWithMarkup_IsPrintedVerbatim()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        await cli.RunAsync("send", "bob", "[red]not red[/] and [[brackets]]", "--as", "alice");

        var inbox = await cli.RunAsync("inbox", "--as", "bob");

        Assert.Equal(0, inbox.ExitCode);
        Assert.Contains("[red]not red[/] and [[brackets]]", inbox.Stdout);
    }

    [Fact]
    public async Task MeshAgent_Variable_StandsInForAs()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        cli.Variables["MESH_AGENT"] = "alice";

        var send = await cli.RunAsync("send", "bob", "from the environment");
        var history = await cli.RunAsync("history", "bob");

        Assert.Equal(0, send.ExitCode);
        Assert.Contains("alice", history.Stdout);
        Assert.Contains("from the environment", history.Stdout);
    }

    [Fact]
    public async Task Agents_Table_ShowsEveryColumn()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice", "--kind", "claude-code", "--cwd", "/src/web");
        await cli.RunAsync("register", "bob");
        await cli.RunAsync("send", "alice", "hi", "--as", "bob");

        var result = await cli.RunAsync("agents");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("NAME", result.Stdout);
        Assert.Contains("LAST SEEN", result.Stdout);
        Assert.Matches(@"alice\s+\w{8}\s+claude-code\s+online\s+1\s+/src/web\s+", result.Stdout);
    }

    [Fact]
    public async Task HistoryAndSearch_FindTheMessage()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("register", "bob");
        await cli.RunAsync("send", "bob", "the migration is ready", "--as", "alice");
        await cli.RunAsync("send", "bob", "lunch?", "--as", "alice", "--note");

        var history = await cli.RunAsync("history", "--limit", "1");
        var search = await cli.RunAsync("search", "migration");
        var nothing = await cli.RunAsync("search", "zebra");

        Assert.Contains("lunch?", history.Stdout);
        Assert.DoesNotContain("migration", history.Stdout);
        Assert.Contains("the migration is ready", search.Stdout);
        Assert.DoesNotContain("lunch?", search.Stdout);
        Assert.Equal("No message matches zebra.", nothing.Stdout.Trim());
    }

    [Fact]
    public async Task Status_BrokerRuns_SaysWhereItListens()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var result = await cli.RunAsync("status");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(broker.Home.SocketPath, result.Stdout);
        Assert.Contains(broker.Host.Url!.ToString(), result.Stdout);
        Assert.Contains("0 online of 0", result.Stdout);
    }
}
