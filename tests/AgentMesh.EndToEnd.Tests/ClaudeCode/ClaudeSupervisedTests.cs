using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// The real interactive <c>claude</c> under <c>mesh run</c>, in a real tmux pane (a terminal for it to draw in),
/// offline against the mock model, with the hooks from <c>mesh install</c> and a config that skips onboarding.
/// Another agent sends the session a task; the supervisor types it into claude's prompt once the session is
/// idle, claude submits it, and the model receives it.
/// </summary>
public sealed class ClaudeSupervisedTests
{
    private const string ApiKey = "sk-ant-mock-key-for-tests-0123456789";
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InteractiveClaude_UnderMeshRun_GetsATaskTypedIntoItsPrompt()
    {
        var claude = ClaudeCli.Find();
        Assert.SkipWhen(claude is null, "the claude CLI is not installed here; .ci/run installs it (or set MESH_TEST_CLAUDE)");
        Assert.SkipWhen(FindOnPath("tmux") is null, "tmux is not installed; .ci/run installs it");
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("tester");
        using var home = new TempDirectory();
        var config = Directory.CreateDirectory(Path.Combine(home.Path, "claude-config")).FullName;
        var project = Directory.CreateDirectory(Path.Combine(home.Path, "svc-gamma")).FullName;
        await using var model = await MockAnthropicServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home.Path,
            ["CLAUDE_CONFIG_DIR"] = config,
            ["MESH_HOME"] = broker.Root,
            ["MESH_NO_AUTOSTART"] = "1",
            ["MESH_AGENT_BIN"] = claude!,
            ["MESH_RUN_LOG"] = Path.Combine(home.Path, "run.log"),
            ["ANTHROPIC_BASE_URL"] = model.Url.ToString().TrimEnd('/'),
            ["ANTHROPIC_API_KEY"] = ApiKey,
            ["DISABLE_AUTOUPDATER"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["CLAUDE_CODE_TMPDIR"] = Directory.CreateDirectory(Path.Combine(home.Path, "tmp")).FullName,
            ["TERM"] = "xterm-256color",
        };
        var install = await RunAsync(MeshExecutable.DotnetHost(), [MeshExecutable.MeshDll(), "install"], environment, home.Path);
        Assert.True(install.ExitCode == 0, install.Output);
        await SkipOnboardingAsync(Path.Combine(config, ".claude.json"), project);

        var socket = Path.Combine(home.Path, "tmux.sock");
        var run = $"'{MeshExecutable.DotnetHost()}' '{MeshExecutable.MeshDll()}' run --permission-mode dontAsk";
        var started = await RunAsync("tmux", ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "claude", "-x", "120", "-y", "40", "-c", project, run], environment, project);
        Assert.True(started.ExitCode == 0, started.Output);
        try
        {
            var session = await WaitForAsync(() => ClaudeAgentAsync(broker, project), a => a is { Status: AgentStatus.Idle },
                "claude's SessionStart to register it as idle", () => PaneAsync(socket, environment, home.Path));

            var sent = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/tester/messages",
                new SendMessageRequest { To = session!.Id, Body = "E2E-RUN-TASK: summarise the README for me" }, MeshJsonContext.Default.SendMessageRequest, Ct);
            sent.EnsureSuccessStatusCode();
            var id = (await sent.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, Ct))!.Message.Id;

            await WaitForAsync(() => Task.FromResult(Snapshot(model.Requests)), requests => requests.Any(r => r.Contains("E2E-RUN-TASK", StringComparison.Ordinal)),
                "the model to receive the typed task", () => PaneAsync(socket, environment, home.Path));
            var request = Snapshot(model.Requests).First(r => r.Contains("E2E-RUN-TASK", StringComparison.Ordinal));
            Assert.Contains("[mesh from tester · reply: mesh send tester …] E2E-RUN-TASK: summarise the README for me", request, StringComparison.Ordinal);
            await WaitForAsync(() => StateAsync(broker, id), state => state == DeliveryState.Acknowledged, "the task acknowledged", () => PaneAsync(socket, environment, home.Path));
            Assert.Contains("E2E-RUN-TASK", await PaneAsync(socket, environment, home.Path), StringComparison.Ordinal);
        }
        finally
        {
            await RunAsync("tmux", ["-S", socket, "kill-server"], environment, home.Path);
        }
    }

    /// <summary>What interactive claude needs to start without a dialog: onboarding done, the folder trusted, the key approved.</summary>
    private static async Task SkipOnboardingAsync(string statePath, string project)
    {
        var state = File.Exists(statePath) ? JsonNode.Parse(await File.ReadAllTextAsync(statePath, Ct))!.AsObject() : [];
        state["hasCompletedOnboarding"] = true;
        state["projects"] = new JsonObject { [project] = new JsonObject { ["hasTrustDialogAccepted"] = true } };
        state["customApiKeyResponses"] = new JsonObject { ["approved"] = new JsonArray(ApiKey[^20..]), ["rejected"] = new JsonArray() };
        await File.WriteAllTextAsync(statePath, state.ToJsonString(), Ct);
    }

    private static async Task<AgentInfo?> ClaudeAgentAsync(TestBroker broker, string project)
    {
        var agents = await broker.Http.GetFromJsonAsync("/v1/meshes/default/agents", MeshJsonContext.Default.AgentList, Ct);
        return agents!.Agents.FirstOrDefault(a => a.Kind == AgentKind.ClaudeCode && a.Cwd == project);
    }

    private static async Task<string> StateAsync(TestBroker broker, string id) =>
        (await broker.Http.GetFromJsonAsync($"/v1/meshes/default/messages/{id}", MeshJsonContext.Default.MessageDetail, Ct))!.Deliveries.Single().State;

    private static async Task<string> PaneAsync(string socket, IReadOnlyDictionary<string, string> environment, string folder) =>
        (await RunAsync("tmux", ["-S", socket, "capture-pane", "-p", "-t", "claude"], environment, folder)).Output;

    private static List<string> Snapshot(List<string> requests)
    {
        lock (requests)
        {
            return [.. requests];
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, Func<Task<string>> context)
    {
        var deadline = DateTime.UtcNow + _patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; the pane shows:\n{await context()}");
            }
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string folder)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        foreach (var name in new[] { "MESH_AGENT", "MESH_URL", "MESH_MESH", "TMUX", "CLAUDECODE", "CLAUDE_CODE_SESSION_ID" })
        {
            info.Environment.Remove(name);
        }
        using var process = Process.Start(info)!; // Process.Start with a file name never returns null
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(_patience, Ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
