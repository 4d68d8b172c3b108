using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Channels;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Terminal.Pty;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// Send → text in the agent's input under <c>mesh run</c>: a real <c>mesh run</c> in a pseudo-terminal of ours (we
/// are the person's terminal), around a bash prompt loop that runs the real hook commands (SessionStart once;
/// per prompt UserPromptSubmit then Stop, so the session goes busy and idle like Claude's). Each sample sends
/// one task to the idle session and stops the clock when the task's text shows on our screen — the agent's pty
/// echoes its input as it arrives, so that is the moment it lands in the prompt — then waits for the prompt's
/// turn to pass (busy, then idle again), so the next task is not picked up by the turn's own hooks instead.
/// </summary>
internal sealed class SupervisorScenario : IScenario
{
    private const int Warmup = 5;
    private const int Samples = 100;
    private const string Agent = "bench-run";

    private const string Loop = """
        #!/usr/bin/env bash
        export CLAUDE_PID=$$
        hook() { "$B_DOTNET" "$B_MESH" hook "$1" <<<"{\"session_id\":\"$B_SESSION\",\"cwd\":\"$PWD\",\"hook_event_name\":\"$2\"}" >/dev/null; }
        printf '\e[?2004h'
        hook session-start SessionStart
        while IFS= read -r line; do
          hook user-prompt-submit UserPromptSubmit
          hook stop Stop
        done
        """;

    public string Name => "supervisor";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("mesh run needs Linux (a pseudo-terminal through openpty).");
        }
        var sender = (await session.AgentsAsync("run-sender", 1, cancellationToken))[0];
        var script = Path.Combine(session.Home.Root, "bench-prompt-loop");
        await File.WriteAllTextAsync(script, Loop.ReplaceLineEndings("\n") + "\n", cancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dotnet = MeshCli.FindDotnet();
        var meshDll = MeshCli.FindDll(session.Options.MeshDll);
        using var run = PtyProcess.Start(new PtyStartInfo
        {
            Program = dotnet,
            Arguments = [meshDll, "run", "--bin", script],
            Environment = PtyStartInfo.CurrentEnvironment(new Dictionary<string, string?>
            {
                ["MESH_HOME"] = session.Home.Root,
                ["MESH_NO_AUTOSTART"] = "1",
                ["MESH_AGENT"] = Agent,
                ["MESH_URL"] = null,
                ["TERM"] = "xterm-256color",
                ["B_DOTNET"] = dotnet,
                ["B_MESH"] = meshDll,
                ["B_SESSION"] = Guid.NewGuid().ToString(),
                ["MESH_RUN_LOG"] = Path.Combine(session.Home.Root, "mesh-run.log"),
            }),
            WorkingDirectory = session.Home.Root,
        });
        var screen = Channel.CreateUnbounded<string>();
        var reader = new Thread(() => ReadScreen(run, screen.Writer)) { IsBackground = true, Name = "bench screen" };
        reader.Start();
        try
        {
            var recorder = new LatencyRecorder(Samples);
            var started = Stopwatch.GetTimestamp();
            await WaitForStatusAsync(session, s => s == AgentStatus.Idle, cancellationToken);
            for (var i = -Warmup; i < Samples; i++)
            {
                var marker = $"run-bench-{i + Warmup:D5}";
                var t0 = Stopwatch.GetTimestamp();
                await SendTaskAsync(session, sender, marker, cancellationToken);
                await WaitForScreenAsync(screen.Reader, marker, cancellationToken);
                if (i >= 0)
                {
                    recorder.RecordSince(t0);
                }
                await WaitForStatusAsync(session, s => s != AgentStatus.Idle, cancellationToken);
                await WaitForStatusAsync(session, s => s == AgentStatus.Idle, cancellationToken);
            }
            session.AddStored(Warmup + Samples);
            return [new ScenarioResult
            {
                Scenario = "send → text in the agent's input (mesh run)",
                Count = recorder.Count,
                PerSecond = recorder.Count / Stopwatch.GetElapsedTime(started).TotalSeconds,
                Latency = recorder.Summarize(),
                Errors = 0,
                Notes = "idle session (hooks), no typing; POST → bracketed paste echoed by the agent's pty; rate includes the hooks between samples",
            }];
        }
        finally
        {
            run.Signal(15);
            await run.Exited.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
    }

    private static async Task WaitForStatusAsync(LoadSession session, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (true)
        {
            using var response = await session.Api.Http.GetAsync($"/v1/meshes/{MeshApi.Mesh}/agents/{Agent}", cancellationToken);
            if (response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentInfo, cancellationToken) is { } agent && wanted(agent.Status))
            {
                return;
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Agent}'s status did not change as expected within 60 s (are the hooks working?)");
            }
            await Task.Delay(5, cancellationToken);
        }
    }

    private static async Task SendTaskAsync(LoadSession session, string sender, string body, CancellationToken cancellationToken)
    {
        using var response = await session.Api.Http.PostAsJsonAsync($"/v1/meshes/{MeshApi.Mesh}/agents/{sender}/messages",
            new SendMessageRequest { To = Agent, Body = body, Kind = MessageKind.Task }, MeshJsonContext.Default.SendMessageRequest, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitForScreenAsync(ChannelReader<string> screen, string marker, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new StringBuilder();
        while (!seen.ToString().Contains(marker, StringComparison.Ordinal))
        {
            seen.Append(await screen.ReadAsync(timeout.Token));
        }
    }

    private static void ReadScreen(PtyProcess run, ChannelWriter<string> screen)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = run.Output.Read(buffer)) > 0)
        {
            screen.TryWrite(Encoding.UTF8.GetString(buffer, 0, read));
        }
        screen.TryComplete();
    }
}
