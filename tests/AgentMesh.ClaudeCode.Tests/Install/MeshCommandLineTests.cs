using AgentMesh.ClaudeCode.Install;
using AgentMesh.Setup;

namespace AgentMesh.ClaudeCode.Tests.Install;

public sealed class MeshCommandLineTests
{
    [Theory]
    [InlineData("mesh hook stop", true)]
    [InlineData("/opt/agentmesh/mesh hook session-start", true)]
    [InlineData("/usr/share/dotnet/dotnet '/home/dev/My Tools/mesh.dll' hook user-prompt-submit", true)]
    [InlineData("notify-send 'claude is done'", false)]
    [InlineData("~/bin/freshmesh hook stop", false)]
    [InlineData("mesh hook stop && rm -rf /tmp/x", false)]
    [InlineData("/opt/agentmesh/mesh-hook stop", true)]
    [InlineData("'/home/dev/My Tools/mesh-hook' session-start", true)]
    [InlineData("/opt/agentmesh/mesh-hook statusline", false)]
    [InlineData("/opt/agentmesh/mesh-hooks stop", false)]
    public void IsMeshHook_RecognisesOnlyOurCommands(string command, bool ours) =>
        Assert.Equal(ours, MeshCommandLine.IsMeshHook(command));

    [Fact]
    public void Commands_QuotePathsWithSpacesForTheShell()
    {
        var line = new MeshCommandLine(new McpServerCommand("/usr/share/dotnet/dotnet", ["/home/dev/it's mine/mesh.dll"]));

        Assert.Equal("/usr/share/dotnet/dotnet '/home/dev/it'\\''s mine/mesh.dll' hook stop", line.Hook("stop"));
        Assert.True(MeshCommandLine.IsMeshStatusline(line.Statusline()));
    }

    [Theory]
    [InlineData("mesh statusline", true)]
    [InlineData("/opt/agentmesh/mesh-hook statusline", true)]
    [InlineData("'/home/dev/My Tools/mesh-hook' statusline", true)]
    [InlineData("/opt/agentmesh/mesh-hook stop", false)]
    [InlineData("~/.claude/statusline.sh", false)]
    public void IsMeshStatusline_RecognisesOnlyOurCommands(string command, bool ours) =>
        Assert.Equal(ours, MeshCommandLine.IsMeshStatusline(command));

    [Fact]
    public void Commands_WithMeshHook_RunItDirectly()
    {
        var line = new MeshCommandLine(McpServerCommand.OnPath, "/home/dev/My Tools/mesh-hook");

        Assert.Equal("'/home/dev/My Tools/mesh-hook' user-prompt-submit", line.Hook("user-prompt-submit"));
        Assert.Equal("'/home/dev/My Tools/mesh-hook' statusline", line.Statusline());
        Assert.True(MeshCommandLine.IsMeshHook(line.Hook("stop")));
        Assert.True(MeshCommandLine.IsMeshStatusline(line.Statusline()));
    }

    [Fact]
    public void RunsFromBuildOutput_FlagsDotnetRunPaths()
    {
        Assert.True(new MeshCommandLine(new McpServerCommand("/src/agentmesh/artifacts/bin/AgentMesh.Cli/debug/mesh", [])).RunsFromBuildOutput);
        Assert.False(new MeshCommandLine(McpServerCommand.OnPath).RunsFromBuildOutput);
    }
}
