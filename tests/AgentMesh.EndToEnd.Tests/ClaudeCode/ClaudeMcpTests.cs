using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// The real <c>claude</c> CLI, configured with <c>mesh mcp</c> as its MCP server, driven by a mock model that
/// calls the mesh tools: what a model does through the tools must reach other agents, and back.
/// </summary>
public sealed class ClaudeMcpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claude_ModelCallsMeshSend_TheMessageReachesAnotherAgent()
    {
        var claude = ClaudeCli.Find();
        Assert.SkipWhen(claude is null, "the claude CLI is not installed here; .ci/run installs it (or set MESH_TEST_CLAUDE)");
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("bob");
        await using var model = await MockAnthropicServer.StartAsync(
            "MESH-E2E-SEND", "mcp__mesh__send", new JsonObject { ["to"] = "bob", ["body"] = "hello from claude" });
        using var home = new TempDirectory();

        var run = await ClaudeCli.RunAsync(claude!, home.Path, model.Url, Arguments(home.Path, broker.Root, "claude-a", "mcp__mesh__send", "MESH-E2E-SEND: tell bob hello"), Ct);

        Assert.True(run.ExitCode == 0, $"claude exited {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        Assert.Contains("\"type\":\"result\"", run.Stdout);
        var inbox = await broker.Http.GetFromJsonAsync("/v1/meshes/default/agents/bob/inbox", MeshJsonContext.Default.InboxResponse, Ct);
        var message = Assert.Single(inbox!.Messages).Message;
        Assert.Equal("hello from claude", message.Body);
        Assert.Equal("claude-a", message.FromName);
        Assert.Contains(model.ToolResults, r => r.Contains("bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Claude_ModelCallsMeshWait_ReceivesTheTaskAnotherAgentSent()
    {
        var claude = ClaudeCli.Find();
        Assert.SkipWhen(claude is null, "the claude CLI is not installed here; .ci/run installs it (or set MESH_TEST_CLAUDE)");
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("claude-b");
        var sent = await broker.Http.PostAsJsonAsync("/v1/meshes/default/agents/alice/messages",
            new Protocol.Messages.SendMessageRequest { To = "claude-b", Body = "ping for claude" }, MeshJsonContext.Default.SendMessageRequest, Ct);
        sent.EnsureSuccessStatusCode();
        await using var model = await MockAnthropicServer.StartAsync(
            "MESH-E2E-WAIT", "mcp__mesh__wait", new JsonObject { ["timeout_seconds"] = 10 });
        using var home = new TempDirectory();

        var run = await ClaudeCli.RunAsync(claude!, home.Path, model.Url, Arguments(home.Path, broker.Root, "claude-b", "mcp__mesh__wait", "MESH-E2E-WAIT: any work for me?"), Ct);

        Assert.True(run.ExitCode == 0, $"claude exited {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        var toolResult = Assert.Single(model.ToolResults);
        Assert.Contains("ping for claude", toolResult);
        Assert.Contains("mesh-message", toolResult);
        var inbox = await broker.Http.GetFromJsonAsync("/v1/meshes/default/agents/claude-b/inbox", MeshJsonContext.Default.InboxResponse, Ct);
        Assert.Equal(Protocol.Messages.DeliveryState.Delivered, Assert.Single(inbox!.Messages).State);
    }

    /// <summary>claude -p with stream-json and the mesh MCP server; --mcp-config takes several values, so it goes last, then -- and the prompt.</summary>
    private static string[] Arguments(string home, string meshHome, string agent, string allowedTool, string prompt)
    {
        var config = new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                ["mesh"] = new JsonObject
                {
                    ["type"] = "stdio",
                    ["command"] = MeshExecutable.DotnetHost(),
                    ["args"] = new JsonArray(MeshExecutable.MeshDll(), "mcp", "--as", agent),
                    ["env"] = new JsonObject { ["MESH_HOME"] = meshHome, ["MESH_NO_AUTOSTART"] = "1" },
                },
            },
        };
        var path = Path.Combine(home, "mcp.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return ["-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "dontAsk",
            "--allowedTools", allowedTool, "--strict-mcp-config", "--mcp-config", path, "--", prompt];
    }
}
