using System.Runtime.Versioning;
using AgentMesh.Client.Autostart;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Autostart;

public sealed class DetachedProcessLauncherTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly MeshHome _home;

    public DetachedProcessLauncherTests() => _home = new MeshHome(_root.Path);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void StartInfo_OnUnix_RunsTheCommandThroughAFixedRedirectScriptWithArgumentsApart()
    {
        _home.EnsureCreated();
        var launcher = new DetachedProcessLauncher(new BrokerLaunchCommand("/opt/mesh/mesh", ["server", "--detach-child", "--store", "/tmp/a b;rm -rf ~"]));

        var info = launcher.CreateStartInfo(_home);

        var arguments = info.ArgumentList.ToList();
        var script = arguments.IndexOf("-c") + 1;
        Assert.DoesNotContain("/opt/mesh/mesh", arguments[script]);
        Assert.Equal(["mesh-broker", _home.LogPath, "/opt/mesh/mesh", "server", "--detach-child", "--store", "/tmp/a b;rm -rf ~"], arguments[(script + 1)..]);
        Assert.Equal(_home.Root, info.Environment["MESH_HOME"]);
        Assert.False(info.UseShellExecute);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_home.LogPath));
    }

    [Fact]
    public async Task Launch_RealProcess_WritesItsOutputToTheBrokerLog()
    {
        var launcher = new DetachedProcessLauncher(new BrokerLaunchCommand("/bin/sh", ["-c", "echo \"broker says hi from $MESH_HOME\""]));

        var launched = await launcher.LaunchAsync(_home, Ct);
        await WaitUntilAsync(() => launched.HasExited);

        Assert.Contains($"broker says hi from {_home.Root}", await File.ReadAllTextAsync(_home.LogPath, Ct));
    }

    [Fact]
    public void ForCurrentProcess_UnderTheDotnetHost_PutsTheEntryAssemblyFirst()
    {
        var command = BrokerLaunchCommand.ForCurrentProcess(["server", "--detach-child"]);

        Assert.Equal(Environment.ProcessPath, command.FileName);
        Assert.Equal(["server", "--detach-child"], command.Arguments.TakeLast(2));
        if (Path.GetFileNameWithoutExtension(command.FileName) == "dotnet")
        {
            Assert.EndsWith(".dll", command.Arguments[0]);
        }
    }

    /// <summary>A process has no exit notification once its handle is kept by the launcher; poll, bounded.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20, Ct);
        }
    }

    public void Dispose() => _root.Dispose();
}
