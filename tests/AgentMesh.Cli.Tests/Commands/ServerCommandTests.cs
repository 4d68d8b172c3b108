using System.Text.Json;
using System.Text.RegularExpressions;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh server</c> in the foreground, in-process.</summary>
public sealed class ServerCommandTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Server_PortZero_PrintsTheBoundUrlAndStopsOnCtrlC()
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path);
        using var server = cli.StartInBackground("server", "--port", "0");

        var banner = await server.Stdout.WaitForAsync(text => text.Contains("Ctrl+C stops it.")).WaitAsync(_bound, TestContext.Current.CancellationToken);
        var url = Regex.Match(banner, @"url\s+(http://127\.0\.0\.1:\d+/)").Groups[1].Value;
        var status = await cli.RunAsync("status", "--json");
        var stopped = await server.StopAsync(_bound);

        Assert.NotEqual("", url);
        Assert.DoesNotContain(":0/", url);
        Assert.Equal(url, JsonSerializer.Deserialize(status.Stdout, MeshJsonContext.Default.BrokerStatus)!.Url);
        Assert.Contains($"socket  {Path.Combine(home.Path, "mesh.sock")}", banner);
        Assert.Equal(ExitCodes.Ok, stopped.ExitCode);
        Assert.Contains("Broker stopped.", stopped.Stdout);
        Assert.False(File.Exists(Path.Combine(home.Path, "mesh.sock")));
    }

    [Fact]
    public async Task Server_NoTcp_ListensOnTheSocketOnly()
    {
        using var home = new TempDirectory();
        var cli = new CliRunner(home.Path);
        using var server = cli.StartInBackground("server", "--no-tcp", "--store", "custom.db");

        var banner = await server.Stdout.WaitForAsync(text => text.Contains("Ctrl+C stops it.")).WaitAsync(_bound, TestContext.Current.CancellationToken);
        var agents = await cli.RunAsync("agents");
        await server.StopAsync(_bound);

        Assert.Contains("url     -", banner);
        Assert.Contains($"store   {Path.Combine(home.Path, "custom.db")}", banner);
        Assert.Equal(ExitCodes.Ok, agents.ExitCode);
        Assert.True(File.Exists(Path.Combine(home.Path, "custom.db")));
    }

    [Fact]
    public async Task Server_NonLoopbackHost_RefusedWithOneLine()
    {
        using var home = new TempDirectory();

        var result = await new CliRunner(home.Path).RunAsync("server", "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Refusing to listen on '0.0.0.0'", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Server_BrokerAlreadyRuns_OneLineAndErrorExit()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await new CliRunner(broker.Root).RunAsync("server", "--port", "0");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("already running", Assert.Single(result.StderrLines));
    }
}
