using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Testing;

namespace AgentMesh.Cli.Tests.Commands;

/// <summary><c>mesh meshes</c>, <c>mesh meshes create</c>, and choosing the mesh with <c>--mesh</c> or <c>MESH_MESH</c>.</summary>
public sealed class MeshesCommandTests
{
    [Fact]
    public async Task Create_ThenList_ShowsBothMeshes_AndCreatingAgainChangesNothing()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var create = await cli.RunAsync("meshes", "create", "team");
        var again = await cli.RunAsync("meshes", "create", "team", "--json");
        var list = await cli.RunAsync("meshes");
        var json = await cli.RunAsync("meshes", "--json");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("Mesh team is ready.", create.Stdout);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("team", JsonSerializer.Deserialize(again.Stdout, MeshJsonContext.Default.MeshInfo)!.Name);
        Assert.Contains("default", list.Stdout);
        Assert.Contains("team", list.Stdout);
        Assert.Equal(["default", "team"], JsonSerializer.Deserialize(json.Stdout, MeshJsonContext.Default.MeshList)!.Meshes.Select(m => m.Name));
    }

    [Fact]
    public async Task Create_BadName_FailsWithOneLineThatSaysTheRule()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);

        var result = await cli.RunAsync("meshes", "create", "Team Two");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.StderrLines);
        Assert.Contains("is not a valid mesh name: use 1-63 lowercase letters", result.Stderr);
    }

    [Fact]
    public async Task MeshVariable_ChoosesTheMesh_AndTheOptionWinsOverIt()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        await cli.RunAsync("meshes", "create", "team");
        cli.Variables["MESH_MESH"] = "team";

        var inTeam = await cli.RunAsync("register", "alice");
        var inDefault = await cli.RunAsync("--mesh", "default", "register", "bob");
        var teamAgents = await cli.RunAsync("agents", "--json");
        var defaultAgents = await cli.RunAsync("agents", "--mesh", "default", "--json");

        Assert.Equal(0, inTeam.ExitCode);
        Assert.Contains("in mesh team", inTeam.Stdout);
        Assert.Equal(0, inDefault.ExitCode);
        Assert.Equal(["alice"], JsonSerializer.Deserialize(teamAgents.Stdout, MeshJsonContext.Default.AgentList)!.Agents.Select(a => a.Name));
        Assert.Equal(["bob"], JsonSerializer.Deserialize(defaultAgents.Stdout, MeshJsonContext.Default.AgentList)!.Agents.Select(a => a.Name));
    }

    [Fact]
    public async Task MeshVariable_UnknownMesh_SaysWhichMeshesExist()
    {
        await using var broker = await TestBroker.StartAsync();
        var cli = new CliRunner(broker.Root);
        cli.Variables["MESH_MESH"] = "nope";

        var result = await cli.RunAsync("register", "alice");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("There is no mesh called 'nope'", result.Stderr);
    }
}
