using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh tui</c> against a real broker: the plain snapshot, its JSON, and the live screen in a terminal.</summary>
public sealed class TuiCommandTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tui_NotATerminal_PrintsOneSnapshotOfAgentsMessagesRoomsAndRoles()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await PopulatedMeshAsync(broker);

        var result = await cli.RunAsync("tui");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.StartsWith("Mesh default at ", result.Stdout);
        Assert.Contains("Agents (3 live, 3 in all)", result.Stdout);
        Assert.Contains("carol", result.Stdout);
        Assert.Contains("Recent messages (2)", result.Stdout); // the body, and the broker telling alice it is her turn
        Assert.Contains("It is your turn in room 'standup'", result.Stdout);
        Assert.Contains("please review [red]this[/]", result.Stdout); // markup in a body is shown, not applied
        Assert.Contains("Rooms (1)", result.Stdout);
        Assert.Contains("alice's turn", result.Stdout);
        Assert.Contains("Roles (1)", result.Stdout);
        Assert.Contains("reviewers", result.Stdout);
    }

    [Fact]
    public async Task Tui_Json_SnapshotWithUnreadCountsRoomsAndRoles()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await PopulatedMeshAsync(broker);

        var result = await cli.RunAsync("tui", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var snapshot = JsonSerializer.Deserialize(result.Stdout, MeshJsonContext.Default.DashboardSnapshot)!;
        Assert.Equal("default", snapshot.Mesh);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Name == "bob").Unread);
        Assert.Equal(1, snapshot.Agents.Single(a => a.Name == "alice").Unread); // the room's "your turn" notice
        Assert.Equal(0, snapshot.Agents.Single(a => a.Name == "carol").Unread);
        Assert.Equal("please review [red]this[/]", snapshot.Messages[0].Body); // newest first
        Assert.Equal("mesh", snapshot.Messages[1].FromName);
        Assert.Equal("standup", Assert.Single(snapshot.Rooms).Name);
        Assert.Equal(["bob", "carol"], Assert.Single(snapshot.Roles).Agents.Select(m => m.Name));
        Assert.True(snapshot.Cursor > 0);
        Assert.Contains("\"unread\": 1", result.Stdout); // snake_case wire names
    }

    [Fact]
    public async Task Tui_MessagesOutOfRange_UsageErrorSayingTheRange()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var result = await cli.RunAsync("tui", "--messages", "0");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("from 1 to 500", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Tui_InTerminal_DrawsEventsAsTheyArriveAndQuitsOnQ()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = await PopulatedMeshAsync(broker);
        var before = JsonSerializer.Deserialize((await cli.RunAsync("tui", "--json")).Stdout, MeshJsonContext.Default.DashboardSnapshot)!;
        var terminal = new TestTerminal();

        using var tui = cli.StartInTerminal(terminal, "tui");
        await terminal.Output.WaitForAsync(text => text.Contains("reviewers") && text.Contains($"event {before.Cursor}")).WaitAsync(_bound, Ct);
        // A hostile body: an OSC sequence that would retitle the terminal, then text.
        await cli.RunAsync("send", "carol", "\u001b]0;pwned\u0007hello live", "--as", "alice");
        await terminal.Output.WaitForAsync(text => text.Contains("hello live")).WaitAsync(_bound, Ct);
        await terminal.Output.WaitForAsync(text => text.Contains($"event {before.Cursor + 1}")).WaitAsync(_bound, Ct);
        terminal.Press('q');
        var exit = await tui.Exit.WaitAsync(_bound, Ct);

        var screen = terminal.Output.ToString();
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("·]0;pwned·hello live", screen);
        Assert.DoesNotContain("\u001b]0;pwned", screen);
        Assert.Contains("live", screen);
        Assert.StartsWith("\u001b[?1049h", screen); // the alternate screen…
        Assert.EndsWith("\u001b[?1049l", screen);   // …is left on the way out
        Assert.Equal("", tui.Stderr.ToString());
    }

    [Fact]
    public async Task Tui_InTerminal_CtrlC_ExitsZeroAndRestoresTheScreen()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("register", "alice");
        var terminal = new TestTerminal();

        using var tui = cli.StartInTerminal(terminal, "tui");
        await terminal.Output.WaitForAsync(text => text.Contains("alice")).WaitAsync(_bound, Ct);
        var result = await tui.StopAsync(_bound);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.EndsWith("\u001b[?1049l", terminal.Output.ToString());
    }

    [Fact]
    public async Task Tui_InTerminal_NoBroker_ShowsReconnectingUntilQuit()
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path);
        var terminal = new TestTerminal();

        using var tui = cli.StartInTerminal(terminal, "tui");
        await terminal.Output.WaitForAsync(text => text.Contains("reconnecting…") && text.Contains("No broker answers")).WaitAsync(_bound, Ct);
        terminal.Press('q');

        Assert.Equal(ExitCodes.Ok, await tui.Exit.WaitAsync(_bound, Ct));
        Assert.Contains(Path.Combine(home.Path, "mesh.sock"), terminal.Output.ToString()); // the header names the broker it is trying
    }

    private static async Task<CliRunner> PopulatedMeshAsync(TestBroker broker)
    {
        var cli = new CliRunner(broker.Root);
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            Assert.Equal(0, (await cli.RunAsync("register", name)).ExitCode);
        }
        Assert.Equal(0, (await cli.RunAsync("room", "create", "standup", "--members", "alice,bob", "--mode", "round-robin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("role", "create", "reviewers", "--agents", "bob,carol", "--fallback", "queue")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("send", "bob", "please review [red]this[/]", "--as", "alice")).ExitCode);
        return cli;
    }
}
