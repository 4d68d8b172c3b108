using AgentMesh.Protocol.Messages;
using AgentMesh.Terminal.Pty;
using AgentMesh.Terminal.Supervisor;

namespace AgentMesh.Terminal.Tests.Supervisor;

/// <summary>
/// <c>mesh run</c> end to end: the real mesh executable in a real pty, a real broker, and a prompt loop that runs
/// the real hook commands. The test types, resizes and signals as the person at the terminal would.
/// </summary>
public sealed class SupervisedRunTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Task_IsPastedIntoTheIdlePrompt_SanitisedAndFramed_ThenAcknowledged()
    {
        await using var run = await SupervisorHarness.StartAsync();
        string[] bodies =
        [
            "review the API change",
            "harmless\u001b[201~\r/exit\r\u0003 after",
            "\u001b[2J\u001b]0;title\u0007two\nlines\tand a tab",
        ];

        foreach (var body in bodies)
        {
            var id = await run.SendAsync(body);
            await run.WaitForStateAsync(id, DeliveryState.Acknowledged);
            await run.WaitForEventAsync("IDLE", bodies.ToList().IndexOf(body) + 1);
        }

        var expected = bodies.Select(body => PromptPaste.Text([Envelope(body)]).Replace("\n", "\\n", StringComparison.Ordinal));
        Assert.Equal(expected, run.Prompts());
        Assert.Equal("[mesh from bob · reply: mesh send bob …] harmless/exit after", run.Prompts()[1]);
        Assert.Equal("[mesh from bob · reply: mesh send bob …] [2J]0;titletwo\\nlines\tand a tab", run.Prompts()[2]);
        Assert.Contains("PROMPT> ", run.Screen(), StringComparison.Ordinal); // the program's screen reaches the person
    }

    [Fact]
    public async Task Paste_WithoutBracketedPasteMode_IsOneLine()
    {
        await using var run = await SupervisorHarness.StartAsync(bracketedPaste: false);

        var id = await run.SendAsync("first line\nsecond line\tcolumn");
        await run.WaitForStateAsync(id, DeliveryState.Acknowledged);

        await run.WaitForEventAsync("IDLE");
        Assert.Equal(["[mesh from bob · reply: mesh send bob …] first line second line column"], run.Prompts());
    }

    [Fact]
    public async Task EnterTakenAsPartOfThePaste_IsPressedAgain_WhenNoHookReportsThePrompt()
    {
        await using var run = await SupervisorHarness.StartAsync(swallowFirstEnter: true);

        var id = await run.SendAsync("deploy the fix");
        await run.WaitForStateAsync(id, DeliveryState.Acknowledged);

        var events = await run.WaitForEventAsync("IDLE");
        Assert.Equal(["SWALLOWED", "GOT:[mesh from bob · reply: mesh send bob …] deploy the fix"], events.Where(e => e is "SWALLOWED" || e.StartsWith("GOT:", StringComparison.Ordinal)));
        Assert.Contains("pressed Enter again (time 1)", run.RunLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_Alone_IsNotTyped_ButRidesAlongWithTheNextTask()
    {
        await using var run = await SupervisorHarness.StartAsync();

        var note = await run.SendAsync("fyi: the build is green", MessageKind.Note);
        await Task.Delay(Settle, Ct);
        Assert.Empty(run.Prompts());
        Assert.Equal(DeliveryState.Queued, await run.DeliveryStateAsync(note));

        var task = await run.SendAsync("now deploy it");
        await run.WaitForStateAsync(task, DeliveryState.Acknowledged);
        await run.WaitForStateAsync(note, DeliveryState.Acknowledged);
        Assert.Equal(
            ["[mesh note from bob · reply: mesh send bob …] fyi: the build is green\\n\\n[mesh from bob · reply: mesh send bob …] now deploy it"],
            run.Prompts());
    }

    [Fact]
    public async Task HalfTypedDraft_HoldsTheTask_UntilThePersonSubmits_AndTheirTextStaysWhole()
    {
        await using var run = await SupervisorHarness.StartAsync();

        await run.TypeAsync("my own qu");
        var task = await run.SendAsync("a task from bob");
        await Task.Delay(Settle, Ct);
        Assert.Empty(run.Prompts());
        Assert.Equal(DeliveryState.Queued, await run.DeliveryStateAsync(task));

        await run.TypeAsync("estion\r");
        await run.WaitForStateAsync(task, DeliveryState.Acknowledged);

        // The person's prompt goes first and whole. The task then reaches the session either way: typed as the
        // next prompt once the turn is over, or — if the prompt's own UserPromptSubmit hook drained it first —
        // attached to that prompt as context.
        const string Typed = "GOT:[mesh from bob · reply: mesh send bob …] a task from bob";
        var events = await run.WaitForEventsAsync(
            e => e.Contains(Typed) || e.Any(x => x.StartsWith("CONTEXT:", StringComparison.Ordinal) && x.Contains("a task from bob", StringComparison.Ordinal)),
            "the task typed or attached as context");
        Assert.Equal("my own question", run.Prompts()[0]);
        Assert.True(run.Prompts().Count <= 2, string.Join(" | ", events));
    }

    [Fact]
    public async Task BusySession_GetsTheTaskOnlyAfterItsStopHookMarksItIdle()
    {
        await using var run = await SupervisorHarness.StartAsync();
        await run.TypeAsync("work 3\r");
        await run.WaitForEventAsync("WORKING");

        var task = await run.SendAsync("after your turn");
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.DoesNotContain("IDLE", run.Events());
        Assert.Single(run.Prompts());

        await run.WaitForStateAsync(task, DeliveryState.Acknowledged);
        const string Typed = "GOT:[mesh from bob · reply: mesh send bob …] after your turn";
        var events = await run.WaitForEventsAsync(
            e => e.Contains(Typed) || e.Any(x => x.StartsWith("BLOCKED:", StringComparison.Ordinal)), "the task typed or in a blocked Stop");
        // Either the Stop hook blocked with the task (the hook's way), or the session went idle and the supervisor
        // typed it (ours); never typed while the turn was running.
        var typed = events.Contains(Typed);
        var blocked = events.Any(e => e.StartsWith("BLOCKED:", StringComparison.Ordinal) && e.Contains("after your turn", StringComparison.Ordinal));
        Assert.True(typed ^ blocked, string.Join(" | ", events) + " run log: " + run.RunLog());
        if (typed)
        {
            Assert.True(events.ToList().IndexOf("IDLE") < events.ToList().IndexOf(Typed));
        }
    }

    [Fact]
    public async Task AllowedCommand_IsTypedAsItsBareLine_BeforeWaitingTasks()
    {
        await using var run = await SupervisorHarness.StartAsync();
        await run.AllowCommandsAsync("/compact");
        await run.TypeAsync("work 2\r");
        await run.WaitForEventAsync("WORKING");

        var task = await run.SendAsync("then this");
        var command = await run.SendAsync("/compact keep the API notes", MessageKind.Command);
        await run.WaitForStateAsync(command, DeliveryState.Acknowledged);
        await run.WaitForStateAsync(task, DeliveryState.Acknowledged);

        var events = await run.WaitForEventsAsync(e => e.Count(x => x == "IDLE") >= 3 || e.Any(x => x.StartsWith("BLOCKED:", StringComparison.Ordinal)), "the command and the task handled");
        Assert.Equal("/compact keep the API notes", run.Prompts()[1]);
        Assert.DoesNotContain(events, e => e.StartsWith("CONTEXT:", StringComparison.Ordinal) && e.Contains("compact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_RevokedAfterTheSend_IsAcknowledgedButNeverTyped()
    {
        await using var run = await SupervisorHarness.StartAsync();
        await run.AllowCommandsAsync("/clear");
        await run.TypeAsync("work 2\r");
        await run.WaitForEventAsync("WORKING");

        var command = await run.SendAsync("/clear", MessageKind.Command);
        await run.AllowCommandsAsync();
        await run.WaitForStateAsync(command, DeliveryState.Acknowledged);

        await run.WaitForEventAsync("IDLE");
        await Task.Delay(Settle, Ct);
        Assert.Equal(["work 2"], run.Prompts());
        Assert.Contains("Dropped control command", run.RunLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_ReachesTheProgramsTerminal()
    {
        await using var run = await SupervisorHarness.StartAsync(size: new WindowSize(30, 100));
        await run.TypeAsync("size\r");
        await run.WaitForEventAsync("SIZE:30 100");

        run.Mesh.Resize(new WindowSize(42, 133));
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        await run.TypeAsync("size\r");

        await run.WaitForEventAsync("SIZE:42 133");
    }

    [Fact]
    public async Task CtrlC_ReachesTheProgramAsSigint_AndMeshKeepsRunning()
    {
        await using var run = await SupervisorHarness.StartAsync();

        await run.TypeAsync("\u0003");
        await run.WaitForEventAsync("SIGNAL:INT");
        await run.TypeAsync("size\r");

        await run.WaitForEventsAsync(e => e.Any(x => x.StartsWith("SIZE:", StringComparison.Ordinal)), "the loop to answer after Ctrl+C");
        Assert.False(run.Mesh.Exited.IsCompleted);
    }

    [Fact]
    public async Task ExitCode_IsTheProgramsExitCode()
    {
        await using var run = await SupervisorHarness.StartAsync();

        await run.TypeAsync("exit 7\r");

        Assert.Equal(7, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task Sigterm_ToMesh_IsForwarded_AndTheExitCodeSaysSo()
    {
        await using var run = await SupervisorHarness.StartAsync();

        Assert.True(run.Mesh.Signal(15));

        Assert.Equal(128 + 15, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task MissingProgram_Exits127_WithAHint()
    {
        await using var run = await SupervisorHarness.StartAsync(meshArguments: ["--bin", "no-such-agent-program"]);

        Assert.Equal(127, await run.WaitForExitAsync());
        Assert.Contains("'no-such-agent-program' was not found on PATH", run.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeshOption_SessionJoinsThatMesh_AndGetsTheTasksSentThere()
    {
        await using var run = await SupervisorHarness.StartAsync(mesh: "team");

        var id = await run.SendAsync("ship the release notes");
        await run.WaitForStateAsync(id, DeliveryState.Acknowledged);

        Assert.Equal(["[mesh from bob · reply: mesh send bob …] ship the release notes"], run.Prompts());
        var inDefault = await run.Broker.Http.GetAsync($"/v1/meshes/default/agents/{run.Agent}", SupervisorHarness.Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, inDefault.StatusCode); // the hooks registered in team only
    }

    [Fact]
    public async Task MeshOption_MeshDoesNotExist_AgentStillRuns_WithAHintToCreateIt()
    {
        await using var run = await SupervisorHarness.StartAsync(mesh: "nope", createMesh: false);

        await run.WaitForEventAsync("READY");
        Assert.Contains("there is no mesh 'nope'; create it with 'mesh meshes create nope'", run.Screen(), StringComparison.Ordinal);
    }

    private static MessageEnvelope Envelope(string body, string kind = MessageKind.Task) => new()
    {
        Id = "m",
        Mesh = "default",
        From = "bob",
        FromName = "bob",
        To = "x",
        Kind = kind,
        Body = body,
        ThreadId = "m",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
