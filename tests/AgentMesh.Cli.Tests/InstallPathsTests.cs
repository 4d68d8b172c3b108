using AgentMesh.Cli.Hosting;
using AgentMesh.Setup;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests;

/// <summary><c>mesh install</c> writes <c>mesh-hook &lt;event&gt;</c> when mesh-hook sits next to mesh, <c>mesh hook &lt;event&gt;</c> otherwise.</summary>
public sealed class InstallPathsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string MeshPath => Path.Combine(_folder.Path, "mesh");
    private string MeshHookPath => Path.Combine(_folder.Path, "mesh-hook");

    [Fact]
    public void Commands_MeshHookNextToMesh_HooksAndStatuslineRunIt()
    {
        PutExecutable(MeshHookPath);

        var commands = InstallPaths.Commands(new McpServerCommand(MeshPath, []), MeshPath);

        Assert.Equal(MeshHookPath, commands.HookProgram);
        Assert.Equal($"{MeshHookPath} session-start", commands.Hook("session-start"));
        Assert.Equal($"{MeshHookPath} statusline", commands.Statusline());
        Assert.Equal(MeshPath, commands.Mesh.Command); // the MCP server stays mesh
    }

    [Fact]
    public void Commands_MeshOnPath_LooksNextToTheRunningProgram()
    {
        PutExecutable(MeshHookPath);

        Assert.Equal($"{MeshHookPath} stop", InstallPaths.Commands(McpServerCommand.OnPath, MeshPath).Hook("stop"));
    }

    [Fact]
    public void Commands_ThroughDotnet_LooksNextToMeshDll()
    {
        PutExecutable(MeshHookPath);
        var mesh = new McpServerCommand("/usr/share/dotnet/dotnet", [Path.Combine(_folder.Path, "mesh.dll")]);

        Assert.Equal(MeshHookPath, InstallPaths.Commands(mesh, "/usr/share/dotnet/dotnet").HookProgram);
    }

    [Fact]
    public void Commands_NoMeshHook_FallsBackToMeshHook()
    {
        var commands = InstallPaths.Commands(new McpServerCommand(MeshPath, []), MeshPath);

        Assert.Null(commands.HookProgram);
        Assert.Equal($"{MeshPath} hook session-start", commands.Hook("session-start"));
        Assert.Equal($"{MeshPath} statusline", commands.Statusline());
    }

    private static void PutExecutable(string path)
    {
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _folder.Dispose();
}
