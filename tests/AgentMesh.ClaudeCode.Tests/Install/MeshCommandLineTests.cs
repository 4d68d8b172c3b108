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
    public void IsMeshHook_RecognisesOnlyOurCommands(string command, bool ours) =>
        Assert.Equal(ours, MeshCommandLine.IsMeshHook(command));

    [Fact]
    public void Commands_QuotePathsWithSpacesForTheShell()
    {
        var line = new MeshCommandLine(new McpServerCommand("/usr/share/dotnet/dotnet", ["/home/dev/it's mine/mesh.dll"]));

        Assert.Equal("/usr/share/dotnet/dotnet '/home/dev/it'\\''s mine/mesh.dll' hook stop", line.Hook("stop"));
        Assert.True(MeshCommandLine.IsMeshStatusline(line.Statusline()));
    }

    [Fact]
    public void RunsFromBuildOutput_FlagsDotnetRunPaths()
    {
        Assert.True(new MeshCommandLine(new McpServerCommand("/src/agentmesh/artifacts/bin/AgentMesh.Cli/debug/mesh", [])).RunsFromBuildOutput);
        Assert.False(new MeshCommandLine(McpServerCommand.OnPath).RunsFromBuildOutput);
    }
}
