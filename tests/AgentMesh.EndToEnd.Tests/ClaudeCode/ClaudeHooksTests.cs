using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentMesh.Core.Identity;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// The real <c>claude</c> CLI with <c>mesh install</c> run into a temporary CLAUDE_CONFIG_DIR: two print-mode
/// sessions register through their SessionStart hooks; session A's model sends a task through the installed
/// mesh MCP server, and session B — held mid-turn by the mock model — is kept going by its Stop hook with
/// the task; a later resumed turn of B gets a second task through UserPromptSubmit. The statusline is read
/// for B while it is live. What the model receives is read from the mock model server's requests.
/// </summary>
public sealed class ClaudeHooksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Claude_TwoSessionsOnTheMesh_ATaskReachesTheOtherThroughItsStopHook_AndLaterThroughUserPromptSubmit()
    {
        var claude = ClaudeCli.Find();
        Assert.SkipWhen(claude is null, "the claude CLI is not installed here; .ci/run installs it (or set MESH_TEST_CLAUDE)");
        await using var broker = await TestBroker.StartAsync();
        using var home = new TempDirectory();
        var config = Directory.CreateDirectory(Path.Combine(home.Path, "claude-config")).FullName;
        var folderA = Directory.CreateDirectory(Path.Combine(home.Path, "svc-alpha")).FullName;
        var folderB = Directory.CreateDirectory(Path.Combine(home.Path, "svc-beta")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["CLAUDE_CONFIG_DIR"] = config,
            ["MESH_HOME"] = broker.Root,
            ["MESH_NO_AUTOSTART"] = "1",
        };
        var install = await RunMeshAsync(["install"], "", environment, home.Path);
        Assert.True(install.ExitCode == 0, install.Stderr + install.Stdout);

        var sessionA = Guid.NewGuid().ToString();
        var sessionB = Guid.NewGuid().ToString();
        var agentA = AgentIds.FromSessionId("default", sessionA);
        var agentB = AgentIds.FromSessionId("default", sessionB);
        var releaseB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var model = await MockAnthropicServer.StartAsync(
            "E2E-A-SEND", "mcp__mesh__send", new JsonObject { ["to"] = agentB, ["body"] = "E2E-TASK-ONE: run the tests in svc-beta", ["kind"] = "task" },
            beforeAnswer: text => text.Contains("E2E-B-WORK", StringComparison.Ordinal) ? releaseB.Task.WaitAsync(_patience, Ct) : Task.CompletedTask);

        // B starts and is held by the model mid-turn, registered through SessionStart.
        var runB = ClaudeCli.RunAsync(claude!, home.Path, model.Url,
            ["-p", "--session-id", sessionB, "--permission-mode", "dontAsk", "--", "E2E-B-WORK: look around"], Ct, folderB, environment);
        var registeredB = await WaitForAsync(() => AgentAsync(broker, agentB), a => a is { Status: not AgentStatus.Offline }, "B registered by SessionStart");
        Assert.Equal(AgentKind.ClaudeCode, registeredB!.Kind);
        Assert.Equal(folderB, registeredB.Cwd);
        Assert.Equal(sessionB, registeredB.SessionId);

        // A's model sends B a task through the installed MCP server, acting as A's session agent.
        var runA = await ClaudeCli.RunAsync(claude!, home.Path, model.Url,
            ["-p", "--session-id", sessionA, "--permission-mode", "dontAsk", "--allowedTools", "mcp__mesh__send", "--", "E2E-A-SEND: hand B the tests"], Ct, folderA, environment);
        Assert.True(runA.ExitCode == 0, $"claude A exited {runA.ExitCode}: {runA.Stderr}\n{runA.Stdout}");
        var waiting = Assert.Single(await InboxAsync(broker, agentB));
        Assert.Equal(agentA, waiting.Message.From);

        // The statusline of the live session B: its id, and one unread message.
        var line = await RunMeshAsync(["statusline"], new JsonObject { ["session_id"] = sessionB, ["cwd"] = folderB }.ToJsonString(), environment, folderB);
        Assert.Equal(0, line.ExitCode);
        Assert.StartsWith($"[{agentB}", line.Stdout);
        Assert.EndsWith("✉1]", line.Stdout.TrimEnd());

        // B's turn ends; its Stop hook blocks with the task, and the model receives it.
        releaseB.SetResult();
        var doneB = await runB;
        Assert.True(doneB.ExitCode == 0, $"claude B exited {doneB.ExitCode}: {doneB.Stderr}\n{doneB.Stdout}");
        var framed = $"<mesh-message from=\\\"{agentA} (svc-alpha)\\\" kind=\\\"task\\\" id=\\\"{waiting.Message.Id}\\\"";
        Assert.True(Snapshot(model.Requests).Any(r => r.Contains(framed, StringComparison.Ordinal) && r.Contains("E2E-TASK-ONE", StringComparison.Ordinal)),
            "no request carried the framed task:\n" + string.Join("\n", Snapshot(model.Requests)));
        Assert.Empty(await InboxAsync(broker, agentB));

        // B's claude has exited: SessionEnd unregistered it, though its MCP server may beat once more on the way
        // out; the presence sweep settles it, since claude's pid is gone. A task sent now waits for B.
        await WaitForAsync(async () =>
        {
            await broker.Host.SweepAsync(Ct);
            return await AgentAsync(broker, agentB);
        }, a => a is { Status: AgentStatus.Offline }, "B offline once its claude exited");
        await broker.RegisterAsync("tester", cwd: home.Path);
        var second = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/tester/messages",
            new SendMessageRequest { To = agentB, Body = "E2E-TASK-TWO: update the changelog" }, MeshJsonContext.Default.SendMessageRequest, Ct);
        second.EnsureSuccessStatusCode();
        var resumed = await ClaudeCli.RunAsync(claude!, home.Path, model.Url,
            ["-p", "--resume", sessionB, "--permission-mode", "dontAsk", "--", "E2E-B-AGAIN: anything new?"], Ct, folderB, environment);
        Assert.True(resumed.ExitCode == 0, $"claude B (resumed) exited {resumed.ExitCode}: {resumed.Stderr}\n{resumed.Stdout}");
        Assert.True(Snapshot(model.Requests).Any(r => r.Contains("E2E-B-AGAIN", StringComparison.Ordinal) && r.Contains("E2E-TASK-TWO", StringComparison.Ordinal)
            && r.Contains("kind=\\\"task\\\"", StringComparison.Ordinal)), "no request carried the second task:\n" + string.Join("\n", Snapshot(model.Requests)));
        Assert.Empty(await InboxAsync(broker, agentB));
    }

    private static List<string> Snapshot(List<string> requests)
    {
        lock (requests)
        {
            return [.. requests];
        }
    }

    private static async Task<AgentInfo?> AgentAsync(TestBroker broker, string id)
    {
        using var response = await broker.Http.GetAsync($"/v1/meshes/default/agents/{id}", Ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentInfo, Ct) : null;
    }

    private static async Task<IReadOnlyList<InboxItem>> InboxAsync(TestBroker broker, string id) =>
        (await broker.Http.GetFromJsonAsync($"/v1/meshes/default/agents/{id}/inbox", MeshJsonContext.Default.InboxResponse, Ct))!.Messages;

    /// <summary>Polls until <paramref name="done"/> holds; a poll, because the hooks run in claude's own processes.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + _patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunMeshAsync(
        string[] args, string stdin, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo(MeshExecutable.DotnetHost()) { WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(MeshExecutable.MeshDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        info.Environment.Remove("MESH_AGENT");
        return await ChildProcess.RunAsync(info, stdin, _patience, Ct);
    }
}
