using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests;

/// <summary>How the CLI's own executable becomes the command clients run.</summary>
public sealed class McpServerCommandTests
{
    [Fact]
    public void ForExecutable_DotnetHost_RunsTheEntryAssembly()
    {
        var command = McpServerCommand.ForExecutable("/usr/share/dotnet/dotnet", "/opt/mesh/mesh.dll", "/usr/bin");

        Assert.Equal("/usr/share/dotnet/dotnet", command.Command);
        Assert.Equal(["/opt/mesh/mesh.dll"], command.Arguments);
    }

    [Fact]
    public void ForExecutable_SameMeshFirstOnPath_JustMesh()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("tools/mesh", "#!/bin/sh\n");
        Directory.CreateDirectory(sandbox.PathOf("bin"));
        File.CreateSymbolicLink(sandbox.PathOf("bin/mesh"), sandbox.PathOf("tools/mesh"));

        var command = McpServerCommand.ForExecutable(sandbox.PathOf("tools/mesh"), null, $"{sandbox.PathOf("empty")}:{sandbox.PathOf("bin")}");

        Assert.Same(McpServerCommand.OnPath, command);
    }

    [Fact]
    public void ForExecutable_OtherMeshFirstOnPath_FullPath()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("tools/mesh", "#!/bin/sh\n");
        sandbox.Write("other/mesh", "#!/bin/sh\n");

        var command = McpServerCommand.ForExecutable(sandbox.PathOf("tools/mesh"), null, $"{sandbox.PathOf("other")}:{sandbox.PathOf("tools")}");

        Assert.Equal(sandbox.PathOf("tools/mesh"), command.Command);
        Assert.Empty(command.Arguments);
    }

    [Fact]
    public void ForExecutable_NotOnPath_FullPath()
    {
        var command = McpServerCommand.ForExecutable("/opt/mesh/mesh", null, null);

        Assert.Equal(new McpServerCommand("/opt/mesh/mesh", []).Command, command.Command);
    }
}
