using System.Diagnostics;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Mcp.Tests;

/// <summary>
/// <c>mesh mcp</c> with no broker running starts one, as an MCP client would meet it on a fresh machine,
/// and its stdout stays pure protocol meanwhile (the SDK client would fail on any stray line).
/// </summary>
public sealed class AutostartTests
{
    [Fact]
    public async Task NoBroker_MeshMcpStartsOne_AndServes()
    {
        using var home = new TempDirectory();
        try
        {
            await using var alice = await McpConnection.StdioAsync(home.Path, "alice", autostart: true);

            Assert.StartsWith("You are alice (id ", await alice.CallOkAsync("whoami"));
        }
        finally
        {
            await StopDetachedBrokerAsync(home.Path);
        }
    }

    /// <summary>Kills the broker this test's <c>mesh mcp</c> started, by the pid it wrote to broker.json.</summary>
    private static async Task StopDetachedBrokerAsync(string home)
    {
        var path = Path.Combine(home, "broker.json");
        if (!File.Exists(path))
        {
            return;
        }
        var endpoint = JsonSerializer.Deserialize(File.ReadAllText(path), MeshJsonContext.Default.BrokerEndpoint);
        if (endpoint is null)
        {
            return;
        }
        try
        {
            using var broker = Process.GetProcessById(endpoint.Pid);
            broker.Kill();
            await broker.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(McpConnection.Timeout, TestContext.Current.CancellationToken);
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }
}
