using System.Diagnostics;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests;

/// <summary>
/// The README's install path: <c>dotnet pack</c>, then <c>dotnet tool install</c> into a folder of its own. The
/// installed <c>mesh</c> runs a broker, and a message sent with it comes back from the inbox exactly as sent — which
/// reads its rows through the bundled native SQLite library as the tool package lays it out.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task PackedTool_Installed_RunsABrokerThatDeliversAMessage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        using var home = new TempHome();
        var packages = Path.Combine(folder.Path, "packages");
        var tools = Path.Combine(folder.Path, "tools");
        // The test's own build of the Cli (debug or release, like this assembly) is what gets packed.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        await RunAsync(MeshExecutable.DotnetHost(), ["pack", Path.Combine(RepositoryRoot.Path, "src", "AgentMesh.Cli"), "-c", configuration, "--no-build", "-o", packages], home.Path, cancellationToken);
        await RunAsync(MeshExecutable.DotnetHost(), ["tool", "install", "AgentMesh.Cli", "--tool-path", tools, "--add-source", packages], home.Path, cancellationToken);
        var mesh = Path.Combine(tools, "mesh");
        const string Body = "déployer 🚀 from the installed tool";

        await using var broker = await BrokerProcess.StartAsync(home.Path, mesh, [], cancellationToken);
        await RunAsync(mesh, ["register", "alice"], home.Path, cancellationToken);
        await RunAsync(mesh, ["register", "bob"], home.Path, cancellationToken);
        await RunAsync(mesh, ["send", "bob", Body, "--as", "alice"], home.Path, cancellationToken);
        var inbox = JsonSerializer.Deserialize(await RunAsync(mesh, ["inbox", "--as", "bob", "--json"], home.Path, cancellationToken), MeshJsonContext.Default.InboxResponse);

        var item = Assert.Single(inbox!.Messages);
        Assert.Equal((Body, "alice"), (item.Message.Body, item.Message.FromName));
    }

    /// <summary>Runs a command to completion and returns its stdout; a non-zero exit fails the test with both streams.</summary>
    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, string home, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment[MeshHome.EnvironmentVariable] = home;
        info.Environment.Remove("MESH_AGENT");
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(info, stdin: null, Bound, cancellationToken);
        Assert.True(exitCode == 0, $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{stdout}{stderr}");
        return stdout;
    }
}
