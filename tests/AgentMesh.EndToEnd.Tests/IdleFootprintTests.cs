namespace AgentMesh.EndToEnd.Tests;

/// <summary>
/// What an idle broker keeps in memory is part of its budget (docs/benchmarks.md: idle RSS ≤ 80 MB). Parts that
/// only some brokers need must not be loaded until they are: OpenSSL (the token and ids come from the kernel's
/// generator), the HTTP client stack (webhooks), the MCP SDK (/mcp), the appsettings.json file watcher. Checked
/// in /proc/PID/maps of a real broker process on a fresh home after it answered requests.
/// </summary>
public sealed class IdleFootprintTests
{
    [Fact]
    public async Task FreshBroker_AfterRegisterAndSend_LoadsNoOpenSslHttpClientMcpOrFileWatcher()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var home = new TempHome();
        await using var broker = await BrokerProcess.StartAsync(home.Path, cancellationToken);
        using var http = broker.CreateSocketClient();
        await http.RegisterAsync("alice", cancellationToken);
        await http.RegisterAsync("bob", cancellationToken);
        Assert.NotNull(await http.SendAsync("alice", "bob", "hello", cancellationToken));

        var mapped = File.ReadAllLines($"/proc/{broker.Pid}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(5))
            .OfType<string>()
            .Select(Path.GetFileName)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("AgentMesh.Server.dll", mapped); // the check reads the right process
        Assert.DoesNotContain(mapped, name => name!.StartsWith("libcrypto", StringComparison.Ordinal) || name.StartsWith("libssl", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Net.Http.dll", mapped);
        Assert.DoesNotContain("ModelContextProtocol.Core.dll", mapped);
        Assert.DoesNotContain("System.IO.FileSystem.Watcher.dll", mapped);
    }
}
