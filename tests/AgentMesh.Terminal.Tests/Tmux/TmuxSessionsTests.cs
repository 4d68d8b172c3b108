using AgentMesh.Terminal.Idle;
using AgentMesh.Terminal.Text;

namespace AgentMesh.Terminal.Tests.Tmux;

/// <summary>The tmux driver against a real tmux server and a real program reading its terminal.</summary>
public sealed class TmuxSessionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TypeLiteral_HostileTextSanitised_ReachesTheProgramExactly()
    {
        await using var echo = new EchoProgram();
        var pane = await echo.Sessions.CreateAsync(echo.Spec(), Ct);
        await echo.WaitUntilRunningAsync(pane);
        string[] bodies =
        [
            "plain text",
            "\u001b[31mred\u001b[0m and \u001b]0;title\u0007",
            "\r/exit\r",
            "before\u001b[201~after\u001b[200~",
            "ctrl \u0003 c \u0004 d \u0015 u \u0017 w \u001a z \u0016 v \u007f del",
            "ends with a semicolon;",
            "ends with an escaped one\\;",
            "-starts with a dash",
            "tab\there · ünïcode 漢字 😀",
            new string('x', 2500) + ";" + new string('y', 100),
        ];

        foreach (var body in bodies)
        {
            await echo.Sessions.TypeLiteralAsync(pane, TerminalText.Sanitize(body), Ct);
            await echo.Sessions.PressEnterAsync(pane, Ct);
        }
        var lines = await echo.WaitForLinesAsync(bodies.Length);

        Assert.Equal(bodies.Select(b => "GOT:" + TerminalText.Sanitize(b)), lines);
        Assert.Equal("GOT:/exit", lines[2]);
        Assert.Equal("GOT:beforeafter", lines[3]);
        Assert.Equal("GOT:ctrl  c  d  u  w  z  v  del", lines[4]);
        Assert.False((await echo.Sessions.DescribePaneAsync(pane, Ct))!.Dead); // nothing ended the program
    }

    [Fact]
    public async Task TypeLiteral_Newline_SubmitsEachLineOfACookedModeProgram()
    {
        await using var echo = new EchoProgram();
        var pane = await echo.Sessions.CreateAsync(echo.Spec(), Ct);
        await echo.WaitUntilRunningAsync(pane);

        await echo.Sessions.TypeLiteralAsync(pane, "first\nsecond", Ct);
        await echo.Sessions.PressEnterAsync(pane, Ct);

        Assert.Equal(["GOT:first", "GOT:second"], await echo.WaitForLinesAsync(2));
    }

    [Fact]
    public async Task Find_CreatedSession_CarriesTheAgentMarks()
    {
        await using var echo = new EchoProgram();
        var pane = await echo.Sessions.CreateAsync(echo.Spec(session: "marked", agent: "alice"), Ct);

        var found = await echo.Sessions.FindAsync("marked", Ct);
        var prefix = await echo.Sessions.FindAsync("mark", Ct);

        Assert.NotNull(found);
        Assert.True(found.BelongsTo("alice"));
        Assert.Equal(echo.Command, found.Command);
        Assert.Equal(pane, found.PaneId);
        Assert.Null(prefix); // exact names only, never a prefix match
    }

    [Fact]
    public async Task Observe_CopyModeAndExitedProgram_AreSeen()
    {
        await using var echo = new EchoProgram();
        var pane = await echo.Sessions.CreateAsync(echo.Spec() with { Command = "sleep 600" }, Ct);

        var running = await echo.Sessions.ObserveAsync("echo", pane, Ct);
        await echo.Tmux.RunCheckedAsync([["copy-mode", "-t", pane]], "enter copy mode", Ct);
        var inMode = await echo.Sessions.ObserveAsync("echo", pane, Ct);
        await echo.Tmux.RunCheckedAsync([["send-keys", "-t", pane, "-X", "cancel"], ["send-keys", "-t", pane, "C-c"]], "leave copy mode and stop the program", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        PaneObservation? stopped;
        while ((stopped = await echo.Sessions.ObserveAsync("echo", pane, Ct)) is { Running: true })
        {
            Assert.True(DateTime.UtcNow < deadline, "the program never exited");
            await Task.Delay(50, Ct);
        }

        Assert.Equal((true, false), (running!.Running, running.InMode));
        Assert.True(inMode!.InMode);
        Assert.NotNull(stopped); // remain-on-exit keeps the pane, so its state is visible
        Assert.False(stopped.Running);
        Assert.Null(running.LastInput); // nobody attached
    }

    [Fact]
    public async Task Observe_KeyFromAnAttachedClient_IsSeenAsInput()
    {
        await using var echo = new EchoProgram();
        var pane = await echo.Sessions.CreateAsync(echo.Spec(), Ct);
        // A real client on a pseudo-terminal (util-linux script), fed keys through its stdin like a person typing.
        var info = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-qfc", $"tmux -S '{echo.SocketPath}' attach-session -t =echo:", "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["TERM"] = "xterm";
        info.Environment.Remove("TMUX");
        using var client = System.Diagnostics.Process.Start(info)!; // throws rather than returning null here
        var drain = client.StandardOutput.BaseStream.CopyToAsync(Stream.Null, Ct);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            PaneObservation? seen;
            // Attaching alone may already count as activity; wait for the key itself to show too.
            while ((seen = await echo.Sessions.ObserveAsync("echo", pane, Ct)) is not null && (seen.LastInput is null || !seen.Screen.Contains('k', StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, "the attached client's key press never showed as client activity");
                await client.StandardInput.WriteAsync("k");
                await client.StandardInput.FlushAsync(Ct);
                await Task.Delay(100, Ct);
            }

            Assert.NotNull(seen);
            Assert.InRange(seen.LastInput!.Value, DateTimeOffset.UtcNow.AddSeconds(-60), DateTimeOffset.UtcNow.AddSeconds(2));
            Assert.Contains("k", seen.Screen, StringComparison.Ordinal); // the key reached the program too
        }
        finally
        {
            client.Kill(entireProcessTree: true);
            await client.WaitForExitAsync(CancellationToken.None);
            await drain.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task Observe_PaneGone_IsNull()
    {
        await using var echo = new EchoProgram();
        var pane = await echo.Sessions.CreateAsync(echo.Spec(), Ct);
        await echo.Sessions.KillSessionAsync("echo", Ct);

        Assert.Null(await echo.Sessions.ObserveAsync("echo", pane, Ct));
        Assert.Null(await echo.Sessions.DescribePaneAsync(pane, Ct));
    }
}
