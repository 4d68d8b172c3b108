using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh room …</c> and <c>mesh role …</c>, in-process against a real broker.</summary>
public sealed class RoomAndRoleCommandTests
{
    [Fact]
    public async Task Room_CreateSendHistoryShowList_RoundRobinTurnsAndRefusals()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await cli.RunAsync("register", name);
        }

        var create = await cli.RunAsync("room", "create", "standup", "--members", "alice,bob", "--members", "carol", "--mode", "round-robin", "--turn-timeout", "2m");
        var outOfTurn = await cli.RunAsync("room", "send", "standup", "me", "first", "--as", "bob");
        var post = await cli.RunAsync("room", "send", "standup", "yesterday:", "tests", "--as", "alice");
        var viaSend = await cli.RunAsync("send", "room:standup", "bob here", "--as", "bob", "--json");
        var history = await cli.RunAsync("room", "history", "standup", "--as", "carol");
        var show = await cli.RunAsync("room", "show", "standup", "--json");
        var list = await cli.RunAsync("room", "list");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("Created room standup (round-robin) with 3 member(s). alice's turn.", create.Stdout);
        Assert.Equal(ExitCodes.Error, outOfTurn.ExitCode);
        Assert.Equal("", outOfTurn.Stdout);
        Assert.Single(outOfTurn.StderrLines);
        Assert.Contains("It is alice's turn in room 'standup'", outOfTurn.Stderr);
        Assert.Equal(0, post.ExitCode);
        Assert.Contains("in standup: 2 member(s) reached, 0 as a task", post.Stdout);
        Assert.Equal(0, viaSend.ExitCode);
        Assert.Contains("bob here", history.Stdout);
        Assert.Contains("yesterday: tests", history.Stdout);
        var room = JsonSerializer.Deserialize(show.Stdout, MeshJsonContext.Default.RoomInfo)!;
        Assert.Equal(120, room.TurnTimeoutSeconds);
        Assert.Equal("carol", room.NameOf(room.Turn));
        Assert.Contains("standup", list.Stdout);
        Assert.Contains("carol's turn", list.Stdout);
    }

    [Fact]
    public async Task Room_JoinLeaveGrantRevokeClose_WorkAsTheActingAgent()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        foreach (var name in new[] { "lead", "alice", "bob" })
        {
            await cli.RunAsync("register", name);
        }
        await cli.RunAsync("room", "create", "review", "--members", "alice", "--mode", "moderated", "--moderator", "lead");

        var join = await cli.RunAsync("room", "join", "review", "--as", "bob", "--keywords", "deploy,db");
        var refused = await cli.RunAsync("room", "send", "review", "hi", "--as", "bob");
        var grant = await cli.RunAsync("room", "grant", "review", "bob", "--as", "lead");
        var allowed = await cli.RunAsync("room", "send", "review", "hi", "--as", "bob");
        var revoke = await cli.RunAsync("room", "revoke", "review", "bob", "--as", "lead");
        var leave = await cli.RunAsync("room", "leave", "review", "--as", "bob");
        var close = await cli.RunAsync("room", "close", "review");
        var afterClose = await cli.RunAsync("room", "send", "review", "late", "--as", "lead");

        Assert.Equal(0, join.ExitCode);
        Assert.Equal(ExitCodes.Error, refused.ExitCode);
        Assert.Contains("moderated", refused.Stderr);
        Assert.Equal(0, grant.ExitCode);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(0, leave.ExitCode);
        Assert.Equal("Room review is closed.", close.Stdout.Trim());
        Assert.Equal(ExitCodes.Error, afterClose.ExitCode);
        Assert.Contains("closed", afterClose.Stderr);
    }

    [Fact]
    public async Task Role_CreateListShowSendBroadcastDelete()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        foreach (var name in new[] { "lead", "alice", "bob" })
        {
            await cli.RunAsync("register", name);
        }

        var create = await cli.RunAsync("role", "create", "reviewer", "--agents", "alice,bob", "--priority", "bob", "--fallback", "queue", "--capabilities", "review");
        var send = await cli.RunAsync("send", "role:reviewer", "review PR 12", "--as", "lead");
        var broadcast = await cli.RunAsync("send", "role:reviewer", "--broadcast", "standup", "--as", "lead", "--json");
        var list = await cli.RunAsync("role", "list");
        var show = await cli.RunAsync("role", "show", "reviewer");
        var badFallback = await cli.RunAsync("role", "create", "x", "--agents", "alice", "--fallback", "drop");
        var delete = await cli.RunAsync("role", "delete", "reviewer");
        var unknown = await cli.RunAsync("send", "role:reviewer", "again", "--as", "lead");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("Role reviewer: bob > alice (fallback queue)", create.Stdout);
        Assert.Equal(0, send.ExitCode);
        Assert.Matches(@"bob \(\w{8}\): queued", send.Stdout);
        Assert.DoesNotContain("alice (", send.Stdout);
        var sent = JsonSerializer.Deserialize(broadcast.Stdout, MeshJsonContext.Default.SendMessageResponse)!;
        Assert.Equal(["alice", "bob"], sent.Deliveries.Select(d => d.RecipientName).Order());
        Assert.Contains("reviewer", list.Stdout);
        Assert.Contains("review", show.Stdout);
        Assert.Equal(ExitCodes.Usage, badFallback.ExitCode);
        Assert.Equal("Deleted role reviewer.", delete.Stdout.Trim());
        Assert.Equal(ExitCodes.Error, unknown.ExitCode);
        Assert.Contains("No role 'reviewer'", unknown.Stderr);
    }

    [Fact]
    public async Task Role_NobodyOnline_SendSaysItIsHeld()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "lead");
        await cli.RunAsync("register", "alice");
        await cli.RunAsync("role", "create", "reviewer", "--agents", "alice");
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/alice", TestContext.Current.CancellationToken);

        var send = await cli.RunAsync("send", "role:reviewer", "later", "--as", "lead");

        Assert.Equal(0, send.ExitCode);
        Assert.Contains("No member of role:reviewer is online: held for the first one that comes online.", send.Stdout);
    }
}
